package dev.sluice.channel;

/**
 * Free slots owned by one producer, obtained from {@link Sender#reserve()} or {@link
 * Sender#tryReserve(int)}. Sending through a permit never waits and never fails for lack of space;
 * it fails only if the channel closed. Closing the permit returns the slots it did not use.
 *
 * <p>A permit is meant for one thread at a time.
 *
 * @param <T> the element type
 */
public interface Permit<T> extends AutoCloseable {

    /**
     * Sends an element into one of the reserved slots.
     *
     * @param element the element to send; not null
     * @throws IllegalStateException if no reserved slot is left or the permit was closed
     * @throws ChannelClosedException if the channel is closed for sending (the slot is returned)
     * @throws NullPointerException if {@code element} is null
     */
    void send(T element);

    /**
     * The number of reserved slots not used yet.
     *
     * @return the number of reserved slots not used yet
     */
    int remaining();

    /** Returns every unused slot to the channel. Idempotent. */
    @Override
    void close();
}
