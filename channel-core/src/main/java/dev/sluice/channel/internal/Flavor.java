package dev.sluice.channel.internal;

import dev.sluice.channel.Readiness;
import dev.sluice.channel.SendStatus;
import org.jspecify.annotations.Nullable;

/**
 * What every flavor of channel does, behind the handles: one class per flavor implements it
 * ({@link BufferedChannel} over a {@link Buffer}, {@link RendezvousChannel}), all waiting through the
 * same {@link Waiter}s. Flavors with slots add permits ({@link SlotFlavor}).
 *
 * <p>Blocking calls wait through {@link ThreadWaiter}s. Drain loops (subscriptions, feeds, pending
 * async operations) never block: they ask with {@code ...OrArm}, which either acts at once or arms
 * their {@link Standing} registration, to be signalled when acting may succeed. On a rendezvous
 * channel an armed registration is itself a party of the hand-off: a waiting receive is matched with
 * an element, a waiting send has its element taken (outcome {@link Waiter#MATCHED}), or the channel
 * closes ({@link Waiter#REJECTED}).
 *
 * @param <T> the element type
 */
interface Flavor<T> {

    /** SENT, FULL (nothing changed; a dropping policy never drops here) or CLOSED. Never waits. */
    SendStatus trySend(T element);

    /**
     * Sends, waiting until the deadline for room (or, for a dropping policy, dropping instead).
     *
     * @return {@code true} if accepted, {@code false} if the deadline passed first
     * @throws dev.sluice.channel.ChannelClosedException if the channel is closed for sending
     */
    boolean send(T element, Deadline deadline) throws InterruptedException;

    /**
     * A send for a drain loop: SENT; CLOSED; or FULL with {@code party} armed (on a rendezvous
     * channel: posted with the element, which stays the caller's until the party is matched). A
     * dropping policy never answers FULL.
     */
    SendStatus sendOrArm(T element, Standing party);

    /** An element, or {@code null} if none is available now ({@link #isDrained()} tells if ever). */
    @Nullable
    T poll();

    /**
     * Receives, waiting until the deadline.
     *
     * @return the element, or {@code null} if the deadline passed first
     * @throws dev.sluice.channel.ChannelClosedException once the channel is closed and drained
     */
    @Nullable
    T recv(Deadline deadline) throws InterruptedException;

    /**
     * A receive for a drain loop: an element, or {@code null} with {@code party} armed (unless the
     * channel is drained, which the caller checks).
     */
    @Nullable
    T recvOrArm(Standing party);

    /**
     * Withdraws an armed registration its owner no longer needs.
     *
     * @return {@code true} if nothing happened to it (a plain wake-up it received meanwhile is passed
     *     on); {@code false} if it was matched or rejected meanwhile, which the owner must act on
     */
    boolean disarm(Standing party);

    /**
     * Arms a watch for "a receive may succeed" ({@code receive}) or "a send may succeed": woken like a
     * waiting receiver (sender), but never handed anything. The caller re-checks afterwards.
     */
    void armWatch(Standing watch, boolean receive);

    /** Sets the closed mark (the linearization point of every close); {@code true} if this call did. */
    boolean markClosed();

    /** Whether the closed mark is set: every send from now on is refused. */
    boolean isClosed();

    /** Closed, and nothing is left to receive. */
    boolean isDrained();

    /** After the last receiver left: hands every buffered element to the undelivered hook. */
    void discardBuffered();

    /** After a close: wakes every waiting party, so each sees the close. */
    void wakeAll();

    int capacity();

    /** A snapshot of the number of buffered elements. */
    int size();

    /** A readiness callback for "a send may succeed now". */
    Readiness whenSendable(Runnable callback);

    /** A readiness callback for "a receive may succeed now". */
    Readiness whenReceivable(Runnable callback);

    // ---- select (see SelectGroup) ---------------------------------------------------------------

    /**
     * Queues a select's clause waiter as a party that waits to receive ({@code receive}) or to send
     * {@code element}, without trying the operation: on a buffered flavor it is woken like a waiting
     * receiver (sender); on a rendezvous flavor it is a party of the hand-off, matched with the
     * element or handed one. Then re-checks, as a waiter must after queueing (no lost wake-up):
     *
     * @return whether a receive (a send) may now go through or find the channel closed, leaving out
     *     the parties of {@code group} itself (a select's send and receive clauses on one rendezvous
     *     channel must not count each other); if so the caller withdraws instead of waiting
     */
    boolean enlist(Waiter clause, boolean receive, @Nullable Object element, SelectGroup group);

    /** Unlinks a clause waiter queued by {@link #enlist}, if it is still linked. */
    void delist(Waiter clause, boolean receive);
}
