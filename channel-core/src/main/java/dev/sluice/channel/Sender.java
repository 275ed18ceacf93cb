package dev.sluice.channel;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.FlowAdapters;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * The sending end of a {@link Channel}: a handle on the shared channel. Any number of threads may
 * use one handle; {@link #clone()} makes another handle (one per producer is the usual style, so
 * that each producer's {@link #close()} counts). When the last sender handle closes, receivers
 * drain what is buffered and then see the channel closed.
 *
 * <p>Every send either accepts the element (returns normally, reports {@link SendStatus#SENT}, or
 * completes its stage normally) and the element is then received exactly once, or does not accept
 * it (throws, reports another status, or completes exceptionally): never both, never unknown.
 *
 * <pre>{@code
 * try (Sender<Order> mine = tx.clone()) {        // one handle per producer; closing it counts
 *     mine.send(order);                          // waits while the channel is full
 *     if (mine.trySend(other) == SendStatus.FULL) { ... }
 * }
 * Flux.range(0, 100).map(Order::new).subscribe(tx.clone()); // a Subscriber: requests free slots only
 * }</pre>
 *
 * <p>Using a handle after {@link #close()} throws {@link IllegalStateException}.
 *
 * @param <T> the element type
 */
public interface Sender<T> extends AutoCloseable, Subscriber<T> {

    /**
     * Subscribes this handle to an upstream ({@code flux.subscribe(tx)}): the handle requests only
     * as many elements as it holds reserved slots for (see {@link #reserve()}), so {@code onNext}
     * never waits and never overflows the channel; as receivers free slots it reserves and requests
     * more. On a rendezvous channel it requests one element at a time and hands each to a receiver.
     * {@code onComplete} closes this handle; {@code onError(cause)} fails the channel (see {@link
     * #fail}); if the channel closes first (every receiver left), the upstream is cancelled. A
     * second {@code onSubscribe} on the same handle is cancelled (§2.5); subscribe {@link #clone()}
     * for another upstream. On a {@code singleProducer()} channel the upstream must be the only
     * producer.
     *
     * @throws NullPointerException if {@code subscription} is null (§2.13)
     */
    @Override
    void onSubscribe(Subscription subscription);

    /**
     * An element from the subscribed upstream, sent into a reserved slot.
     *
     * @throws NullPointerException if {@code element} is null (§2.13)
     */
    @Override
    void onNext(T element);

    /** The upstream failed: fails the channel with {@code cause} and closes this handle. */
    @Override
    void onError(Throwable cause);

    /** The upstream completed: closes this handle. */
    @Override
    void onComplete();

    /**
     * This handle as a {@link Flow.Subscriber}.
     *
     * @return a {@code Flow.Subscriber} that passes every signal to this handle
     */
    default Flow.Subscriber<T> asFlowSubscriber() {
        return FlowAdapters.toFlowSubscriber(this);
    }

    /**
     * Sends an element, waiting while the channel is full (or, for a rendezvous channel, until a
     * receiver takes it). With a dropping {@link Overflow} policy it never waits.
     *
     * @param element the element to send; not null
     * @throws InterruptedException if interrupted while waiting; the element was not sent
     * @throws ChannelClosedException if the channel is closed for sending
     * @throws NullPointerException if {@code element} is null
     */
    void send(T element) throws InterruptedException;

    /**
     * Sends an element, waiting at most {@code timeout} for room.
     *
     * @param element the element to send; not null
     * @param timeout how long to wait at most; zero means try once without waiting
     * @return {@code true} if the element was sent, {@code false} if the timeout elapsed first (the
     *     element was not sent)
     * @throws InterruptedException if interrupted while waiting; the element was not sent
     * @throws ChannelClosedException if the channel is closed for sending
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    boolean send(T element, Duration timeout) throws InterruptedException;

    /**
     * Sends an element if that is possible at once. Never waits and never allocates. For a
     * rendezvous channel it succeeds only if a receiver is already waiting.
     *
     * @param element the element to send; not null
     * @return {@link SendStatus#SENT}, {@link SendStatus#FULL} or {@link SendStatus#CLOSED}
     */
    SendStatus trySend(T element);

    /**
     * Sends an element without blocking a thread: the stage completes normally once the element is
     * accepted, or exceptionally with {@link ChannelClosedException} if the channel closes first.
     * Cancelling the stage (via {@code toCompletableFuture().cancel}) before it completes withdraws
     * the element: it is then never received. Dependent stages without an executor may run on the
     * thread that freed the slot.
     *
     * <p>Order: the stages started through one handle are accepted in the order they were started
     * (each waits for the one before it), so one producer's order holds. A blocking {@code send}
     * does not wait for pending stages: a send and a stage pending at the same time may be accepted
     * in either order, like sends from two threads. On a {@code singleProducer()} channel a pending
     * stage counts as the one send in progress.
     *
     * @param element the element to send; not null
     * @return a stage that completes normally once the element is accepted, or exceptionally if it
     *     is not
     */
    CompletionStage<Void> sendAsync(T element);

    /**
     * Reserves one slot, waiting while the channel is full. Sending through the permit never waits
     * and never fails for lack of space.
     *
     * @return a permit owning one slot
     * @throws InterruptedException if interrupted while waiting; nothing was reserved
     * @throws ChannelClosedException if the channel is closed for sending
     * @throws UnsupportedOperationException for a rendezvous channel, which has no slots
     */
    Permit<T> reserve() throws InterruptedException;

    /**
     * Reserves {@code slots} free slots if they are available at once.
     *
     * @param slots how many slots to reserve; at least 1 and at most the capacity
     * @return the permit, or {@code null} if there are fewer than {@code slots} free slots now
     * @throws IllegalArgumentException if {@code slots} is not positive or exceeds the capacity
     * @throws ChannelClosedException if the channel is closed for sending
     */
    @Nullable
    Permit<T> tryReserve(int slots);

    /**
     * Registers a one-shot callback for "a free slot may be available" (or the channel closed). See
     * {@link Readiness} for the contract. Used by asynchronous producers; blocking ones call {@link
     * #send}.
     *
     * @param callback runs at most once, when a send may succeed (or the channel closed); short and
     *     non-blocking
     * @return the registration, to {@linkplain Readiness#cancel() cancel} it
     */
    Readiness whenSendable(Runnable callback);

    /**
     * A standing registration for "a send may succeed now" (or the channel closed), armed again after
     * each firing without allocating: for drain loops that never block (see {@link ReadinessWatch}
     * for the protocol). {@link #whenSendable} is the one-shot form.
     *
     * @param callback runs once per {@link ReadinessWatch#arm()}, when a send may succeed (or the
     *     channel closed); short and non-blocking
     * @return the watch, not armed yet
     * @throws NullPointerException if {@code callback} is null
     */
    ReadinessWatch watchSendable(Runnable callback);

    /**
     * Another live sender handle on the same channel.
     *
     * @return the new handle
     * @throws IllegalStateException if this handle is closed, or the channel was built with {@code
     *     singleProducer()}
     */
    Sender<T> clone();

    /**
     * Closes this handle (only). Idempotent. When it was the last sender handle, receivers drain
     * the buffered elements and then see the channel closed.
     */
    @Override
    void close();

    /**
     * Closes the channel for sending at once, with a cause: every sender (through any handle) then
     * fails, receivers drain the buffered elements and then get {@link ChannelClosedException} with
     * {@code cause} as its cause. Also closes this handle.
     *
     * @param cause the failure, which receivers get as the cause of {@link ChannelClosedException};
     *     not null
     * @return {@code true} if this call closed the channel, {@code false} if it was already closed
     */
    boolean fail(Throwable cause);

    /**
     * The channel's capacity: 0 for rendezvous, {@link Channel#UNBOUNDED} for unbounded.
     *
     * @return the capacity
     */
    int capacity();

    /**
     * A snapshot of the number of buffered elements.
     *
     * @return the number of elements buffered at one moment
     */
    int size();

    /**
     * Whether the channel is closed for sending (a send now would throw).
     *
     * @return {@code true} if the channel is closed for sending
     */
    boolean isClosed();

    /**
     * Whether this handle has been closed.
     *
     * @return {@code true} if this handle has been closed
     */
    boolean isHandleClosed();

    /**
     * The number of live sender handles.
     *
     * @return the number of live sender handles
     */
    int senderCount();

    /**
     * The number of live receiver handles.
     *
     * @return the number of live receiver handles
     */
    int receiverCount();
}
