package dev.sluice.channel;

import java.util.function.Consumer;

/**
 * Configures and builds a {@link Channel}; obtained from {@link Channel#builder()}. The default is
 * a bounded channel of capacity 1024 that waits when full, for many producers and consumers.
 *
 * <pre>{@code
 * Channel<Event> ch = Channel.<Event>builder()
 *         .capacity(4096)
 *         .singleProducer()
 *         .singleConsumer()
 *         .build();
 * }</pre>
 *
 * @param <T> the element type
 */
public interface ChannelBuilder<T> {

    /**
     * The bound: 0 makes a rendezvous channel.
     *
     * @param capacity how many elements the channel buffers at most
     * @return this builder
     * @throws IllegalArgumentException if negative or above {@link Channel#MAX_CAPACITY}
     */
    ChannelBuilder<T> capacity(int capacity);

    /**
     * No bound: senders never wait.
     *
     * @return this builder
     */
    ChannelBuilder<T> unbounded();

    /**
     * Promises a single producer: the sender handle cannot be cloned, and one send (of any kind,
     * including a pending {@code sendAsync}) is in progress at a time. Picks a faster implementation.
     *
     * @return this builder
     */
    ChannelBuilder<T> singleProducer();

    /**
     * Promises a single consumer: the receiver handle cannot be cloned, and one receive (of any
     * kind, including a pending {@code recvAsync}) is in progress at a time. Picks a faster
     * implementation.
     *
     * @return this builder
     */
    ChannelBuilder<T> singleConsumer();

    /**
     * What a send does when a bounded channel is full; {@link Overflow#BLOCK} by default.
     *
     * @param overflow the policy for a full channel
     * @return this builder
     * @throws NullPointerException if {@code overflow} is null
     */
    ChannelBuilder<T> overflow(Overflow overflow);

    /**
     * Called with every element the channel accepted but will never deliver, so that resources held
     * by elements can be released (Kotlin's {@code onUndeliveredElement}, Reactor's discard hook):
     *
     * <ul>
     *   <li>an element a dropping {@link Overflow} policy dropped (also counted in {@link
     *       Channel#droppedCount()}), on the sending thread;
     *   <li>every buffered element when the last receiver handle closes (they can never be
     *       received), in order, on the closing thread.
     * </ul>
     *
     * <p>An element whose send failed visibly (an exception, a {@code CLOSED} status, a stage
     * completed exceptionally) was not accepted and stays the caller's: it is never passed here. A
     * hook that throws is reported to the thread's uncaught-exception handler and changes nothing.
     *
     * @param hook receives each element the channel accepted but will never deliver
     * @return this builder
     * @throws NullPointerException if {@code hook} is null
     */
    ChannelBuilder<T> onUndeliveredElement(Consumer<? super T> hook);

    /**
     * Builds the channel.
     *
     * @return a new channel with its first sender and receiver handles
     * @throws IllegalArgumentException if a dropping policy is combined with capacity 0 or with an
     *     unbounded channel (there is nothing to drop)
     */
    Channel<T> build();
}
