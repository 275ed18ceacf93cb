package dev.sluice.channel;

import dev.sluice.channel.internal.Channels;
import java.util.concurrent.Flow;
import org.reactivestreams.FlowAdapters;
import org.reactivestreams.Processor;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * A channel: a buffer shared by {@link Sender} and {@link Receiver} handles. Create one with
 * {@link #bounded(int)}, {@link #rendezvous()}, {@link #unbounded()} or {@link #builder()}; the
 * channel starts with one sender and one receiver handle, returned by {@link #sender()} and {@link
 * #receiver()} (always the same two objects). Clone them for more producers or consumers.
 *
 * <pre>{@code
 * Channel<String> ch = Channel.bounded(16);
 * try (Sender<String> tx = ch.sender()) {
 *     tx.send("hello");
 * }                                   // last sender closed: receivers drain, then stop
 * for (String s : ch.receiver()) {
 *     System.out.println(s);
 * }
 * }</pre>
 *
 * @param <T> the element type
 */
public interface Channel<T> extends Processor<T, T> {

    /** The {@link #capacity()} reported by an unbounded channel. */
    int UNBOUNDED = Integer.MAX_VALUE;

    /** The largest capacity a bounded channel accepts (2^26); larger buffers should be unbounded. */
    int MAX_CAPACITY = 1 << 26;

    /**
     * A bounded multi-producer multi-consumer FIFO channel: sends wait while {@code capacity}
     * elements are buffered.
     *
     * @param <T> the element type
     * @param capacity how many elements the channel buffers at most
     * @return a new channel with its first sender and receiver handles
     * @throws IllegalArgumentException if {@code capacity} is negative or above {@link
     *     #MAX_CAPACITY}; capacity 0 gives a {@link #rendezvous()} channel
     */
    static <T> Channel<T> bounded(int capacity) {
        return Channel.<T>builder().capacity(capacity).build();
    }

    /**
     * A channel of capacity 0: a send completes only when a receiver takes the element.
     *
     * @param <T> the element type
     * @return a new rendezvous channel with its first sender and receiver handles
     */
    static <T> Channel<T> rendezvous() {
        return Channel.<T>builder().capacity(0).build();
    }

    /**
     * A channel that never makes a sender wait; memory is the only limit.
     *
     * @param <T> the element type
     * @return a new unbounded channel with its first sender and receiver handles
     */
    static <T> Channel<T> unbounded() {
        return Channel.<T>builder().unbounded().build();
    }

    /**
     * A builder that picks a specialised implementation.
     *
     * @param <T> the element type
     * @return a new builder, with the defaults described in {@link ChannelBuilder}
     */
    static <T> ChannelBuilder<T> builder() {
        return Channels.builder();
    }

    /**
     * Subscribes a downstream to the first receiver handle: the same as {@code
     * receiver().subscribe(subscriber)} (see {@link Receiver#subscribe}).
     */
    @Override
    void subscribe(Subscriber<? super T> subscriber);

    /** Subscribes the first sender handle to an upstream (see {@link Sender#onSubscribe}). */
    @Override
    void onSubscribe(Subscription subscription);

    /** See {@link Sender#onNext}. */
    @Override
    void onNext(T element);

    /** See {@link Sender#onError}. */
    @Override
    void onError(Throwable cause);

    /** See {@link Sender#onComplete}. */
    @Override
    void onComplete();

    /**
     * This channel as a {@link Flow.Processor}.
     *
     * @return a {@code Flow.Processor} that passes every call and signal to this channel
     */
    default Flow.Processor<T, T> asFlowProcessor() {
        return FlowAdapters.toFlowProcessor(this);
    }

    /**
     * The first sender handle (the same object on every call).
     *
     * @return the first sender handle
     */
    Sender<T> sender();

    /**
     * The first receiver handle (the same object on every call).
     *
     * @return the first receiver handle
     */
    Receiver<T> receiver();

    /**
     * 0 for rendezvous, {@link #UNBOUNDED} for unbounded, else the bound.
     *
     * @return the capacity
     */
    int capacity();

    /**
     * A snapshot of the number of buffered elements. Never blocks.
     *
     * @return the number of elements buffered at one moment
     */
    int size();

    /**
     * Whether the channel is closed for sending.
     *
     * @return {@code true} if the channel is closed for sending
     */
    boolean isClosed();

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

    /**
     * How many elements a dropping {@link Overflow} policy has dropped so far.
     *
     * @return the number of elements dropped so far
     */
    long droppedCount();
}
