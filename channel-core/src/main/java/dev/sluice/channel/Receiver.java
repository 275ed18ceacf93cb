package dev.sluice.channel;

import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.FlowAdapters;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;

/**
 * The receiving end of a {@link Channel}: a handle on the shared channel. Receivers compete: each
 * element goes to exactly one receive. {@link #clone()} adds a handle; when the last receiver
 * handle closes, every waiting and future send fails with {@link ChannelClosedException} and the
 * buffered elements are discarded.
 *
 * <p>Iteration ({@code for (T t : rx)}) receives until the channel is closed and drained; it ends
 * normally after a plain close and throws {@link ChannelClosedException} after {@link
 * Sender#fail}.
 *
 * <pre>{@code
 * for (Order order : rx) {                       // blocking, until every sender closed and the drain
 *     ship(order);
 * }
 * Order next = rx.recv(Duration.ofSeconds(1));   // null if nothing came in time
 * Flux.from(rx.clone()).subscribe(this::audit);  // a competing consumer, as a Publisher
 * }</pre>
 *
 * <p>Using a handle after {@link #close()} throws {@link IllegalStateException}.
 *
 * @param <T> the element type
 */
public interface Receiver<T> extends Iterable<T>, AutoCloseable, Publisher<T> {

    /**
     * Subscribes a Reactive Streams subscriber to this handle ({@code Flux.from(rx)}, {@code
     * Flowable.fromPublisher(rx)} work directly). The handle then belongs to the subscription:
     *
     * <ul>
     *   <li>an element is taken out of the channel only against unmet demand; whatever is not
     *       requested stays in the channel and counts against its capacity, so producers wait;
     *   <li>{@code onComplete} follows once every sender closed and every element was delivered;
     *       {@code onError(cause)} once the channel was failed and drained;
     *   <li>completion, error and {@code cancel()} close this handle (when it was the last
     *       receiver, senders then fail with {@link ChannelClosedException});
     *   <li>a second {@code subscribe} to the same handle, or one to a closed handle, gets {@code
     *       onError(IllegalStateException)}; subscribe {@link #clone()} for a competing consumer;
     *   <li>{@code request(n)} with {@code n <= 0} cancels and signals {@code
     *       onError(IllegalArgumentException)} (§3.9).
     * </ul>
     *
     * <p>No call blocks: elements are delivered by whichever thread makes them available or asks
     * for them (a producer's {@code send}, or the subscriber's {@code request}).
     *
     * @throws NullPointerException if {@code subscriber} is null (§1.9)
     */
    @Override
    void subscribe(Subscriber<? super T> subscriber);

    /**
     * This handle as a {@link Flow.Publisher}, with the same rules as {@link #subscribe}.
     *
     * @return a {@code Flow.Publisher} that subscribes its subscribers to this handle
     */
    default Flow.Publisher<T> asFlowPublisher() {
        return FlowAdapters.toFlowPublisher(this);
    }

    /**
     * Receives an element, waiting while the channel is empty.
     *
     * @return the element received
     * @throws InterruptedException if interrupted while waiting; nothing was taken
     * @throws ChannelClosedException once every sender closed and every element was received (its
     *     cause is the failure, if the channel was failed)
     */
    T recv() throws InterruptedException;

    /**
     * Receives an element, waiting at most {@code timeout}.
     *
     * @param timeout how long to wait at most; zero means try once without waiting
     * @return the element, or {@code null} if the timeout elapsed first (nothing was taken)
     * @throws InterruptedException if interrupted while waiting; nothing was taken
     * @throws ChannelClosedException once the channel is closed and drained
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    @Nullable
    T recv(Duration timeout) throws InterruptedException;

    /**
     * Receives an element if one is available at once. Never waits and never allocates.
     *
     * @return the element, or {@code null} if the channel is empty but still open
     * @throws ChannelClosedException if the channel is closed and drained (the same instance each
     *     time, without a stack trace, so that polling a closed channel does not allocate)
     */
    @Nullable
    T tryRecv();

    /**
     * Receives an element without blocking a thread: the stage completes with the element, or
     * exceptionally with {@link ChannelClosedException} once the channel is closed and drained.
     * Cancelling the stage before it completes takes nothing. Dependent stages without an executor
     * may run on the thread that sent the element. Stages asked for through one handle complete in
     * the order they were asked for. On a {@code singleConsumer()} channel a pending stage counts as
     * the one receive in progress.
     *
     * @return a stage that completes with the element received, or exceptionally if none is
     */
    CompletionStage<T> recvAsync();

    /**
     * Registers a one-shot callback for "an element may be available" (or the channel closed). See
     * {@link Readiness} for the contract.
     *
     * @param callback runs at most once, when an element may be available (or the channel closed);
     *     short and non-blocking
     * @return the registration, to {@linkplain Readiness#cancel() cancel} it
     */
    Readiness whenReceivable(Runnable callback);

    /**
     * A standing registration for "an element may be available" (or the channel finished), armed
     * again after each firing without allocating: for drain loops that never block (see {@link
     * ReadinessWatch} for the protocol). {@link #whenReceivable} is the one-shot form.
     *
     * @param callback runs once per {@link ReadinessWatch#arm()}, when an element may be available
     *     (or the channel finished); short and non-blocking
     * @return the watch, not armed yet
     * @throws NullPointerException if {@code callback} is null
     */
    ReadinessWatch watchReceivable(Runnable callback);

    /**
     * Another live receiver handle on the same channel.
     *
     * @return the new handle
     * @throws IllegalStateException if this handle is closed, or the channel was built with {@code
     *     singleConsumer()}
     */
    Receiver<T> clone();

    /**
     * Closes this handle (only). Idempotent. When it was the last receiver handle, the channel is
     * closed: waiting and future sends fail and buffered elements are discarded.
     */
    @Override
    void close();

    /**
     * Blocking iteration: {@code next()} waits for an element; iteration ends when the channel is
     * closed and drained. An interrupt while waiting ends iteration with a {@link
     * ChannelClosedException} whose cause is the {@link InterruptedException}, and the thread's
     * interrupt flag is set again.
     */
    @Override
    Iterator<T> iterator();

    /**
     * A stream of the elements, in the same terms as {@link #iterator()}. Its source never splits,
     * so even a parallel stream takes each element out of the channel only when it needs it: {@code
     * rx.stream().parallel().limit(3)} receives exactly three elements.
     *
     * @return a stream of the elements received through this handle
     */
    Stream<T> stream();

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
     * Whether the channel is closed for sending (it may still hold elements to drain).
     *
     * @return {@code true} if the channel is closed for sending
     */
    boolean isClosed();

    /**
     * Whether the channel is closed and every buffered element was received.
     *
     * @return {@code true} if the channel is closed and drained
     */
    boolean isTerminated();

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
