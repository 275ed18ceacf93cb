package dev.sluice.channel.internal;

import static dev.sluice.channel.SendStatus.CLOSED;
import static dev.sluice.channel.SendStatus.FULL;
import static dev.sluice.channel.SendStatus.SENT;

import dev.sluice.channel.Readiness;
import dev.sluice.channel.SendStatus;
import org.jspecify.annotations.Nullable;

/**
 * The capacity-0 flavor: a send completes only when a receiver takes the element.
 *
 * <h2>Implementation overview</h2>
 *
 * <p>A dual queue, as in crossbeam-channel's {@code flavors/zero.rs} and {@link
 * java.util.concurrent.SynchronousQueue}'s fair mode: at any time either senders wait (each {@link
 * Waiter} holding its element as its packet) or receivers wait (each waiting to be handed one), never
 * both. An arriving operation claims the oldest waiter of the other side, or queues itself. The
 * waiters are the same as everywhere: parked threads ({@link ThreadWaiter}, which spin and yield
 * before parking, since a partner usually comes within microseconds) and the standing registrations
 * of drain loops ({@link Standing}): a subscription with demand waits as a receiver, and a pending
 * {@code sendAsync} or a subscribed upstream's element waits as a sender, so any two of them can meet
 * with no thread waiting at all.
 *
 * <p>The queues change under one {@link SpinLock}: a hold is a few queue operations, never user
 * code, so contenders back off rather than park (a parking lock cost 4 × 4 threads on 2 cores most
 * of their time); no {@code synchronized}, so virtual threads do not pin. A waiter's claim is its CAS ({@link Waiter#claim}), made under the lock by whoever
 * dequeues it; the claimer completes the hand-off outside the lock. A party that gives up withdraws
 * by its own CAS and then unlinks itself; if the withdraw fails it was matched, and the match stands,
 * so an element is never both delivered and withdrawn. Closing claims every waiter under the lock and
 * completes each as {@link Waiter#REJECTED}.
 *
 * <p>Readiness callbacks ({@code whenReceivable}/{@code whenSendable}) wait in their own {@link
 * Waiters}, woken when a party of the other side starts waiting; a {@code tryRecv}/{@code trySend}
 * then claims it.
 *
 * @param <T> the element type
 */
final class RendezvousChannel<T> implements Flavor<T> {
    private final SpinLock lock = new SpinLock();
    private final WaitQueue senders = new WaitQueue(); // guarded by lock
    private final WaitQueue receivers = new WaitQueue(); // guarded by lock
    private volatile boolean closed; // written under lock
    private final CloseState close;

    /** Callbacks waiting for a receiver to wait (a send may then succeed). */
    private final Waiters sendable = new Waiters();
    /** Callbacks waiting for a sender to wait (a receive may then succeed). */
    private final Waiters receivable = new Waiters();

    RendezvousChannel(CloseState close) {
        this.close = close;
    }

    // ---- sending ------------------------------------------------------------------------------

    @Override
    public SendStatus trySend(T element) {
        Waiter r;
        lock.lock();
        try {
            if (closed) {
                return CLOSED;
            }
            r = receivers.claimFirst();
        } finally {
            lock.unlock();
        }
        if (r == null) {
            return FULL;
        }
        r.complete(Waiter.MATCHED, element);
        return SENT;
    }

    @Override
    public boolean send(T element, Deadline deadline) throws InterruptedException {
        ThreadWaiter me = null;
        Waiter r;
        lock.lock();
        try {
            if (closed) {
                throw close.closedForSending();
            }
            r = receivers.claimFirst();
            if (r == null) {
                if (deadline.isNow()) {
                    return false;
                }
                me = new ThreadWaiter();
                me.packet = element;
                senders.add(me);
            }
        } finally {
            lock.unlock();
        }
        if (r != null) {
            r.complete(Waiter.MATCHED, element);
            return true;
        }
        receivable.wakeOne(); // an element now waits for a tryRecv
        if (!me.await(deadline, true, this)) {
            unlink(me, senders);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            return false;
        }
        if (me.outcome == Waiter.REJECTED) {
            throw close.closedForSending();
        }
        return true; // matched; an interrupt that raced the match stays set
    }

    @Override
    public SendStatus sendOrArm(T element, Standing party) {
        Waiter r;
        lock.lock();
        try {
            if (closed) {
                return CLOSED;
            }
            r = receivers.claimFirst();
            if (r == null) {
                party.packet = element;
                senders.add(party);
            }
        } finally {
            lock.unlock();
        }
        if (r == null) {
            receivable.wakeOne();
            return FULL; // posted: the party is matched or rejected later
        }
        r.complete(Waiter.MATCHED, element);
        return SENT;
    }

    // ---- receiving ----------------------------------------------------------------------------

    @Override
    public @Nullable T poll() {
        Waiter s;
        lock.lock();
        try {
            s = senders.claimFirst();
        } finally {
            lock.unlock();
        }
        return s == null ? null : takeFrom(s);
    }

    @SuppressWarnings("unchecked")
    private T takeFrom(Waiter s) {
        T e = (T) s.packet;
        s.complete(Waiter.MATCHED, null);
        return e;
    }

    @Override
    @SuppressWarnings("unchecked")
    public @Nullable T recv(Deadline deadline) throws InterruptedException {
        ThreadWaiter me = null;
        Waiter s;
        lock.lock();
        try {
            s = senders.claimFirst();
            if (s == null) {
                if (closed) {
                    throw close.closedForReceiving();
                }
                if (deadline.isNow()) {
                    return null;
                }
                me = new ThreadWaiter();
                receivers.add(me);
            }
        } finally {
            lock.unlock();
        }
        if (s != null) {
            return takeFrom(s);
        }
        sendable.wakeOne(); // a receiver now waits: a trySend would succeed
        if (!me.await(deadline, true, this)) {
            unlink(me, receivers);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            return null;
        }
        if (me.outcome == Waiter.REJECTED) {
            throw close.closedForReceiving();
        }
        return (T) me.packet; // matched; an interrupt that raced the match stays set
    }

    @Override
    public @Nullable T recvOrArm(Standing party) {
        Waiter s;
        lock.lock();
        try {
            s = senders.claimFirst();
            if (s == null) {
                if (closed) {
                    return null; // drained: the caller sees isDrained()
                }
                party.packet = null;
                receivers.add(party);
            }
        } finally {
            lock.unlock();
        }
        if (s != null) {
            return takeFrom(s);
        }
        sendable.wakeOne();
        return null;
    }

    @Override
    public boolean disarm(Standing party) {
        if (party.withdraw()) {
            lock.lock();
            try {
                senders.remove(party);
                receivers.remove(party);
            } finally {
                lock.unlock();
            }
            return true;
        }
        if (party.state() == Waiter.IDLE) {
            return true; // not armed
        }
        party.awaitSignalled();
        return false; // matched or rejected: the owner acts on it
    }

    @Override
    public void armWatch(Standing watch, boolean receive) {
        // a watcher is not a party: it is woken when one of the other side starts waiting
        (receive ? receivable : sendable).arm(watch);
        if (hasWaiting(receive ? senders : receivers)) {
            watch.wake(); // ready already: a party may have queued before the arm
        }
    }

    /** A thread that gave up (its withdraw succeeded) leaves its queue. */
    private void unlink(Waiter w, WaitQueue queue) {
        lock.lock();
        try {
            queue.remove(w);
        } finally {
            lock.unlock();
        }
    }

    // ---- closing and introspection ----------------------------------------------------------

    @Override
    public boolean markClosed() {
        Waiter waitingSenders;
        Waiter waitingReceivers;
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            closed = true;
            waitingSenders = senders.claimAll();
            waitingReceivers = receivers.claimAll();
        } finally {
            lock.unlock();
        }
        // Every outcome was decided under the lock (the claims); now tell each party.
        Waiters.completeChain(waitingSenders, Waiter.REJECTED);
        Waiters.completeChain(waitingReceivers, Waiter.REJECTED);
        return true;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public boolean isDrained() {
        return closed; // closing rejects every waiting sender: nothing is left to receive
    }

    @Override
    public void discardBuffered() {
        // nothing is buffered: a waiting sender's element is still its own, and was rejected
    }

    @Override
    public void wakeAll() {
        sendable.wakeAll();
        receivable.wakeAll();
    }

    @Override
    public int capacity() {
        return 0;
    }

    @Override
    public int size() {
        return 0;
    }

    @Override
    public Readiness whenSendable(Runnable callback) {
        OneShot r = sendable.register(callback);
        if (hasWaiting(receivers)) {
            Waiters.fireNow(r);
        }
        return r;
    }

    @Override
    public Readiness whenReceivable(Runnable callback) {
        OneShot r = receivable.register(callback);
        if (hasWaiting(senders)) {
            Waiters.fireNow(r);
        }
        return r;
    }

    /** How many parties and select clauses are queued, on both sides (for tests: none is left behind). */
    int queuedParties() {
        lock.lock();
        try {
            return senders.size() + receivers.size();
        } finally {
            lock.unlock();
        }
    }

    private boolean hasWaiting(WaitQueue parties) {
        lock.lock();
        try {
            return closed || !parties.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    // ---- select ----------------------------------------------------------------------------------

    /** What {@link #matchOrEnlist} returns for a closed channel. */
    static final Object CLOSED_MARK = new Object();

    /**
     * A select's try and registration of one clause in one lock hold (the first clause of its group
     * to be queued, so that a partner found here cannot be one of its own): hands off with a waiting
     * party of the other side as {@code poll} / {@code trySend} do, else queues {@code clause}. No
     * re-check is needed after it: the other side's queue was empty under this very hold, and a
     * party that comes later finds the clause.
     *
     * @return the element received (receive) or {@code element} (send: handed over); {@code null} if
     *     the clause was queued; {@link #CLOSED_MARK} if the channel is closed (nothing queued)
     */
    @Nullable
    Object matchOrEnlist(Waiter clause, boolean receive, @Nullable Object element) {
        Waiter partner;
        lock.lock();
        try {
            if (closed) {
                return CLOSED_MARK;
            }
            partner = (receive ? senders : receivers).claimFirst();
            if (partner == null) {
                clause.packet = receive ? null : element;
                (receive ? receivers : senders).add(clause);
            }
        } finally {
            lock.unlock();
        }
        if (partner == null) {
            (receive ? sendable : receivable).wakeOne(); // a party now waits: a try of the other side succeeds
            return null;
        }
        if (receive) {
            return takeFrom(partner);
        }
        partner.complete(Waiter.MATCHED, element);
        return element;
    }

    @Override
    public boolean enlist(Waiter clause, boolean receive, @Nullable Object element, SelectGroup group) {
        boolean partnerWaits;
        lock.lock();
        try {
            if (closed) {
                return true; // not queued: the select's next try reports the close
            }
            clause.packet = receive ? null : element;
            (receive ? receivers : senders).add(clause);
            // The re-check, under the same hold: a partner queued before this clause is seen here,
            // one that comes after finds the clause (each takes this lock).
            partnerWaits = (receive ? senders : receivers).hasWaiterOutside(group);
        } finally {
            lock.unlock();
        }
        (receive ? sendable : receivable).wakeOne(); // a party now waits: a try of the other side succeeds
        return partnerWaits;
    }

    @Override
    public void delist(Waiter clause, boolean receive) {
        unlink(clause, receive ? receivers : senders);
    }

    @Override
    public String toString() {
        return "Rendezvous";
    }
}
