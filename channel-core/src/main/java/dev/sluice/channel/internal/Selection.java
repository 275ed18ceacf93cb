package dev.sluice.channel.internal;

import dev.sluice.channel.ChannelClosedException;
import dev.sluice.channel.Receiver;
import dev.sluice.channel.SendStatus;
import dev.sluice.channel.Sender;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The engine of {@code dev.sluice.channel.Select}: waits on several channels at once, and exactly
 * one clause takes effect (S14).
 *
 * <h2>How it works</h2>
 *
 * <ol>
 *   <li><b>Try.</b> With nothing registered anywhere, try each clause's non-blocking operation
 *       ({@code tryRecv} / {@code trySend}), from a random clause (fair) or the first (biased); the
 *       first that goes through, or finds its channel closed, is the select's one effect. A blocking
 *       select tries the last clause of that order together with step 2 for it: on a rendezvous
 *       channel both are one lock hold, which is safe because no waiter of the select is queued yet
 *       when it is made. (An async select tries every clause first: see {@code AsyncSelect}.)
 *   <li><b>Register.</b> Queue a waiter in every clause's channel ({@link Flavor#enlist}), all of one
 *       {@link SelectGroup}, whose single CAS is the claim of any of them: a notifier that arrives
 *       wins the whole select or nothing. On a rendezvous channel the waiter is a party of the
 *       hand-off, so a partner matches it directly (the hand-off is then the effect); on a buffered
 *       one it is woken.
 *   <li><b>Re-check</b>, each clause right after its waiter is queued (in the same lock hold on a
 *       rendezvous channel): something may have become possible between 1 and 2 (the Dekker
 *       argument of {@link Waiters}). If so, queue no further clause, withdraw the group and go back
 *       to 1.
 *   <li><b>Wait</b> until a clause is claimed, then unlink the other waiters. A hand-off
 *       ({@link Waiter#MATCHED}) is the effect; a wake-up or a close sends the select back to 1, trying
 *       the woken clause first, so that the wake-up it was given is used or found stale, never
 *       swallowed while another party waits.
 * </ol>
 *
 * <p>A timeout or an interrupt withdraws the group; if that fails a clause was claimed, and the claim
 * stands (a hand-off is reported as the result), so no element is taken or sent without being
 * reported, and otherwise every channel is as if the select had not run.
 */
public final class Selection {
    /** One clause: a receive from a handle or from a oneshot, or a send of an element through a handle. */
    public static final class Op {
        final @Nullable ReceiverHandle<?> rx;
        final @Nullable SenderHandle<Object> tx;
        final @Nullable Object element;
        final @Nullable OneshotCell<?> oneshot;

        private Op(
                @Nullable ReceiverHandle<?> rx,
                @Nullable SenderHandle<Object> tx,
                @Nullable Object element,
                @Nullable OneshotCell<?> oneshot) {
            this.rx = rx;
            this.tx = tx;
            this.element = element;
            this.oneshot = oneshot;
        }

        boolean receive() {
            return tx == null;
        }

        /**
         * The clause's flavor, without the handle's open check: a select checks its handles when it
         * tries them (step 1), and a handle closed while its waiters are queued must not make the
         * select throw between queueing and unlinking, where a hand-off may already have happened.
         */
        private Flavor<?> flavor() {
            return rx != null ? rx.core.flavor : Objects.requireNonNull(tx).core.flavor;
        }

        /** The clause's flavor, after the handle's open check (its first use in a round). */
        private Flavor<?> openFlavor() {
            return rx != null ? rx.open().flavor : Objects.requireNonNull(tx).open().flavor;
        }

        /**
         * Steps 2 and 3 for this clause: queues {@code clause} where a partner or a wake-up will find
         * it, then re-checks; {@code true} if the clause may go through now (or finds its channel
         * closed), apart from the waiters of {@code g} itself.
         */
        boolean enlist(Waiter clause, SelectGroup g) {
            if (oneshot != null) {
                oneshot.enqueue(clause);
                return oneshot.isSettled();
            }
            return flavor().enlist(clause, receive(), element, g);
        }

        /** After the wait: unlinks {@code clause} wherever it still is. */
        void delist(Waiter clause) {
            // A clause's queue goes from its channel's queue to null once, under that queue's lock,
            // and the clause is never queued again (a group is made per wait): reading null here,
            // even without the lock, means it is unlinked already (a claimer unlinks what it claims),
            // so the winner costs no lock; reading a queue takes the lock to make sure.
            if (clause.queue == null) {
                return;
            }
            if (oneshot != null) {
                oneshot.dequeue(clause);
            } else {
                flavor().delist(clause, receive());
            }
        }
    }

    /** What fired: the clause, and the received element or the close it found. */
    public static final class Fired {
        public final int index;
        public final @Nullable Object value;
        public final @Nullable ChannelClosedException closed;

        Fired(int index, @Nullable Object value, @Nullable ChannelClosedException closed) {
            this.index = index;
            this.value = value;
            this.closed = closed;
        }
    }

    /** Whether {@code op} is a receive clause (else a send). */
    public static boolean isReceive(Op op) {
        return op.receive();
    }

    /**
     * A receive clause.
     *
     * @throws IllegalArgumentException if {@code rx} is not a Sluice channel's handle
     */
    public static Op receive(Receiver<?> rx) {
        if (!(rx instanceof ReceiverHandle)) {
            throw new IllegalArgumentException("a select clause needs a Sluice channel's receiver, not " + rx);
        }
        return new Op((ReceiverHandle<?>) rx, null, null, null);
    }

    /** A receive clause on a oneshot's slot. */
    public static Op receive(OneshotCell<?> oneshot) {
        return new Op(null, null, null, oneshot);
    }

    /**
     * A send clause.
     *
     * @throws IllegalArgumentException if {@code tx} is not a Sluice channel's handle
     */
    @SuppressWarnings("unchecked")
    public static <T> Op send(Sender<T> tx, T element) {
        if (!(tx instanceof SenderHandle)) {
            throw new IllegalArgumentException("a select clause needs a Sluice channel's sender, not " + tx);
        }
        return new Op(null, (SenderHandle<Object>) tx, Checks.element(element), null);
    }

    private final Op[] ops;
    private final boolean biased;
    /**
     * The clause order of a blocking or non-blocking select's round, reused: a {@code Select} runs one
     * select at a time. An async select makes its own per round: the continuation of a round can
     * start on a notifier's thread while the calling thread still reads its order.
     */
    private final int[] order;
    /**
     * A blocking select's waiters of its current round, reused as {@link #order} is; emptied by
     * {@link #delist} at the end of every round, so it holds no waiter between selects.
     */
    private final SelectGroup.Clause[] waiting;

    public Selection(List<Op> ops, boolean biased) {
        this.ops = ops.toArray(new Op[0]);
        this.biased = biased;
        this.order = new int[this.ops.length];
        this.waiting = new SelectGroup.Clause[this.ops.length];
    }

    // ---- 1. try ---------------------------------------------------------------------------------

    /** Step 1 alone: the select with a default ({@code null}: no clause could go through now). */
    public @Nullable Fired trySelect() {
        order(order, -1);
        return tryInOrder(order, ops.length);
    }

    /**
     * Fills {@code order} for one round: {@code preferred} (if not negative) first, then every other
     * clause from a random one (fair) or from the first (biased).
     */
    private void order(int[] order, int preferred) {
        int n = ops.length;
        int k = 0;
        if (preferred >= 0) {
            order[k++] = preferred;
        }
        int start = biased || n == 1 ? 0 : ThreadLocalRandom.current().nextInt(n);
        for (int j = 0; j < n; j++) {
            int i = start + j < n ? start + j : start + j - n;
            if (i != preferred) {
                order[k++] = i;
            }
        }
    }

    /** Tries the first {@code count} clauses of the round's {@code order}; the first that fires. */
    private @Nullable Fired tryInOrder(int[] order, int count) {
        for (int k = 0; k < count; k++) {
            Fired f = attempt(order[k]);
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    /** The clause the round tries last: a blocking select tries it and queues it in one step. */
    private int last(int[] order) {
        return order[ops.length - 1];
    }

    private @Nullable Fired attempt(int i) {
        Op op = ops[i];
        if (op.receive()) {
            Object v;
            try {
                v = op.rx != null
                        ? op.rx.tryRecv()
                        : Objects.requireNonNull(op.oneshot).poll();
            } catch (ChannelClosedException drained) {
                return new Fired(i, null, drained);
            }
            return v == null ? null : new Fired(i, v, null);
        }
        SenderHandle<Object> tx = Objects.requireNonNull(op.tx);
        SendStatus s = tx.trySend(Objects.requireNonNull(op.element));
        if (s == SendStatus.SENT) {
            return new Fired(i, null, null);
        }
        return s == SendStatus.CLOSED ? new Fired(i, null, tx.core.close.closedForSending()) : null;
    }

    // ---- 2. register, 3. re-check ---------------------------------------------------------------

    /**
     * Steps 2 and 3, with step 1 of the round's last clause: tries that clause and, if it cannot go
     * through, queues its waiter in the same step (one lock hold on a rendezvous channel, where the
     * try and the queueing are otherwise two); then queues the other clauses' waiters, each
     * re-checked as it is queued (a partner queued before it is seen by its re-check, one that comes
     * after finds it), and stops at the first that may go through now. Waiters not queued stay
     * {@code null} in {@code clauses}.
     *
     * @return what fired, if the last clause went through (nothing of {@code g} was queued); {@link
     *     #MAY_PROCEED} if a clause may go through now (the caller withdraws {@code g} and starts
     *     over); {@code null} if every clause is queued, and the caller waits
     */
    private @Nullable Fired tryAndEnlist(int[] order, SelectGroup g, SelectGroup.Clause[] clauses) {
        int last = last(order);
        SelectGroup.Clause c = g.clause(last);
        Fired f = tryAndEnlist(last, c, g);
        if (f != null && f != MAY_PROCEED) {
            return f; // nothing queued
        }
        clauses[last] = c;
        if (f != null) {
            return f;
        }
        return enlist(order, ops.length - 1, g, clauses) ? MAY_PROCEED : null;
    }

    /**
     * Steps 2 and 3 without a try: queues a waiter of {@code g} for each of the first {@code count}
     * clauses of {@code order}, each re-checked as it is queued, and stops at the first that may go
     * through now.
     *
     * @return whether a clause may go through now
     */
    private boolean enlist(int[] order, int count, SelectGroup g, SelectGroup.Clause[] clauses) {
        for (int k = 0; k < count; k++) {
            int i = order[k];
            clauses[i] = g.clause(i);
            if (ops[i].enlist(clauses[i], g)) {
                return true;
            }
        }
        return false;
    }

    /** {@link #MAY_PROCEED}, not a clause: something may go through now. */
    private static final Fired MAY_PROCEED = new Fired(-1, null, null);

    /** Tries clause {@code i}, else queues {@code c} for it (the first waiter of its group queued). */
    private @Nullable Fired tryAndEnlist(int i, SelectGroup.Clause c, SelectGroup g) {
        Op op = ops[i];
        Flavor<?> flavor = op.oneshot == null ? op.openFlavor() : null;
        if (flavor instanceof RendezvousChannel) {
            // no waiter of g is queued anywhere yet, so the partner this may match is not g's own
            Object r = ((RendezvousChannel<?>) flavor).matchOrEnlist(c, op.receive(), op.element);
            if (r == null) {
                return null; // queued; nobody of the other side waited (no re-check needed)
            }
            if (r == RendezvousChannel.CLOSED_MARK) {
                return new Fired(
                        i,
                        null,
                        op.rx != null
                                ? op.rx.core.close.terminal()
                                : Objects.requireNonNull(op.tx).core.close.closedForSending());
            }
            return new Fired(i, op.receive() ? r : null, null);
        }
        Fired f = attempt(i);
        if (f != null) {
            return f;
        }
        return op.enlist(c, g) ? MAY_PROCEED : null;
    }

    /** Unlinks the round's waiters, and empties {@code clauses} for the next round. */
    private void delist(SelectGroup.@Nullable Clause[] clauses) {
        for (int i = 0; i < ops.length; i++) {
            SelectGroup.Clause c = clauses[i];
            if (c != null) {
                ops[i].delist(c);
                clauses[i] = null;
            }
        }
    }

    /** The effect of a clause a partner matched (a rendezvous hand-off). */
    private Fired matched(SelectGroup.Clause won) {
        return new Fired(won.index, ops[won.index].receive() ? won.packet : null, null);
    }

    // ---- 4. wait --------------------------------------------------------------------------------

    /**
     * Selects, waiting at most {@code timeout} ({@code null}: without limit).
     *
     * @return what fired; {@code null} if the timeout passed first
     */
    public @Nullable Fired select(@Nullable Duration timeout) throws InterruptedException {
        Deadline deadline = timeout == null ? Deadline.NEVER : Checks.deadline(timeout);
        int preferred = -1;
        boolean checked = false;
        int retries = 0;
        for (; ; ) {
            order(order, preferred);
            Fired f = tryInOrder(order, ops.length - 1);
            if (f != null) {
                return f;
            }
            if (deadline.isNow()
                    || deadline.hasPassed()
                    || Thread.currentThread().isInterrupted()) {
                // not to wait: the last clause is tried alone
                if ((f = attempt(last(order))) != null) {
                    return f;
                }
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                return null;
            }
            SelectGroup g = new SelectGroup();
            SelectGroup.Clause[] clauses = waiting;
            SelectGroup.Clause won;
            f = tryAndEnlist(order, g, clauses);
            if (f == MAY_PROCEED) {
                won = g.withdraw() ? null : g.claimed();
                delist(clauses);
                if (won == null) {
                    preferred = -1;
                    // step 1 again: something became possible. Two selects on the two ends of one
                    // rendezvous channel can each see the other and withdraw at once; a growing pause
                    // lets one of them find the other still waiting.
                    Backoff.snooze(retries++);
                    continue;
                }
            } else if (f != null) {
                return f; // the last clause went through before anything was queued
            } else {
                if (!checked) {
                    // only now, about to wait: a select whose clause was ready did not need to
                    try {
                        BlockingCalls.check("select", deadline);
                        checked = true;
                    } catch (RuntimeException | Error refused) {
                        if (g.withdraw()) {
                            delist(clauses);
                            throw refused;
                        } // else claimed meanwhile: the await below returns it at once (a hand-off
                        // is reported; a wake-up sends the select round again, and the check with it)
                    }
                }
                won = g.await(deadline, this);
                delist(clauses);
                if (won == null) {
                    if (Thread.interrupted()) {
                        throw new InterruptedException();
                    }
                    return null; // the deadline passed; no clause was claimed
                }
            }
            if (won.outcome == Waiter.MATCHED) {
                return matched(won);
            }
            preferred = won.index; // woken, or closed: that clause first
        }
    }

    /**
     * Selects without a thread: the stage completes with what {@code finish} makes of what fired
     * ({@code finish} runs first, on the thread that made the clause fire; if it throws, the stage
     * completes with that).
     */
    public <R> CompletableFuture<R> selectAsync(Function<Fired, R> finish) {
        AsyncSelect<R> a = new AsyncSelect<>(finish);
        a.run(-1);
        return a;
    }

    /**
     * An async select: steps 1 to 3 on the calling thread, step 4's continuation on the notifier's
     * (through the {@link Trampoline}). Cancelling it, or completing it from outside (as {@code
     * orTimeout} does), takes effect only if it withdraws the waiting group first: once a clause has
     * been claimed, or while a step is running, the outside call returns {@code false} and the
     * select's own result stands (a stop asked during a step ends the select as cancelled at the
     * step's end, unless a clause fires in it). So an element taken is always reported.
     *
     * <p>One round runs at a time, owned by one thread through {@link #phase}: a claim that comes
     * while the round still queues its clauses (STEPPING) only marks it SIGNALLED, and the round goes
     * on with it once every clause is queued; a claim that comes later (WAITING) takes the round over
     * on the notifier's thread. So the clauses are unlinked only after all of them were queued, by a
     * thread that saw them queued: none is left behind in its channel.
     */
    private final class AsyncSelect<R> extends OwnedStage<R> {
        private static final int STEPPING = 0, WAITING = 1, SIGNALLED = 2;

        private volatile int phase = STEPPING;
        private volatile @Nullable SelectGroup group;
        private volatile SelectGroup.Clause @Nullable [] clauses;
        private volatile boolean stopRequested;
        private final Function<Fired, R> finish;

        AsyncSelect(Function<Fired, R> finish) {
            this.finish = finish;
        }

        /** Completes with what fired (its callback run by {@code finish}). */
        private void fire(Fired f) {
            R r;
            try {
                r = finish.apply(f);
            } catch (RuntimeException | Error e) {
                settleExceptionally(e);
                return;
            }
            settle(r);
        }

        /** Runs rounds until one fires, the select stops, or a round waits (its phase WAITING). */
        void run(int preferred) {
            for (; ; ) {
                Fired f;
                int[] round = new int[ops.length];
                try {
                    order(round, preferred); // the preferred (woken) clause is always tried: no wake-up is swallowed
                    f = tryInOrder(round, ops.length); // every clause: nothing is tried once the group is out
                } catch (RuntimeException | Error e) {
                    settleExceptionally(e);
                    return;
                }
                if (f != null) {
                    fire(f);
                    return;
                }
                if (stopRequested) {
                    settleCancelled();
                    return;
                }
                SelectGroup g = new SelectGroup(this::onSignal);
                SelectGroup.Clause[] cs = new SelectGroup.Clause[ops.length];
                clauses = cs; // before group: a stop that reads this round's group reads its clauses
                group = g;
                // Only queueing from here: a stop that withdraws the group must find nothing taken, so
                // the async select does not fold its last try into the queueing.
                if (enlist(round, ops.length, g, cs) && g.withdraw()) {
                    delist(cs); // something may go through now: round again
                    preferred = -1;
                    continue;
                }
                // Every clause is queued, and the group is waiting or claimed.
                if (PHASE.compareAndSet(this, STEPPING, WAITING)) {
                    // a stop that came while this round ran saw it stepping and left it to the round
                    if (stopRequested && g.withdraw()) {
                        delist(cs);
                        settleCancelled();
                    }
                    return; // waiting: onSignal (or a stop) goes on
                }
                // claimed while queueing: the claim's signal left the round to this thread
                phase = STEPPING;
                SelectGroup.Clause won = g.claimed();
                delist(cs);
                if (won.outcome == Waiter.MATCHED) {
                    fire(matched(won));
                    return;
                }
                preferred = won.index; // woken, or closed: that clause first
            }
        }

        /** The group's signal, on the notifier's thread: takes the round over, or leaves it to its owner. */
        private void onSignal() {
            for (; ; ) {
                if (PHASE.compareAndSet(this, WAITING, STEPPING)) {
                    break;
                }
                if (PHASE.compareAndSet(this, STEPPING, SIGNALLED)) {
                    return; // the round is still queueing its clauses: it goes on once they all are
                }
            }
            SelectGroup.Clause won = Objects.requireNonNull(group).claimed();
            delist(Objects.requireNonNull(clauses));
            if (won.outcome == Waiter.MATCHED) {
                fire(matched(won));
            } else {
                run(won.index);
            }
        }

        /** Stops the select from outside; {@code true} if it withdrew it, so that nothing fires. */
        @Override
        boolean withdraw() {
            stopRequested = true;
            // group before phase: a round that has queued its clauses and reads no stop wrote both
            // before this reads them (so the waiting round found here is the current one)
            SelectGroup g = group;
            if (phase == WAITING && g != null && g.withdraw()) {
                delist(Objects.requireNonNull(clauses));
                return true;
            }
            return false;
        }
    }

    private static final VarHandle PHASE;

    static {
        try {
            PHASE = MethodHandles.lookup().findVarHandle(AsyncSelect.class, "phase", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
