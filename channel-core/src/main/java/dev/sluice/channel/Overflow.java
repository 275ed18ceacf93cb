package dev.sluice.channel;

/** What a bounded channel does with a {@link Sender#send send} when it is full. */
public enum Overflow {
    /** Wait for a free slot (the default, and the only policy that never drops). */
    BLOCK,
    /**
     * Remove the oldest buffered element to make room; the removed element is counted in {@link
     * Channel#droppedCount()} and handed to the builder's {@code onUndeliveredElement} hook.
     */
    DROP_OLDEST,
    /**
     * Drop the element being sent; it is counted in {@link Channel#droppedCount()} and handed to
     * the builder's {@code onUndeliveredElement} hook. {@link Sender#trySend} still reports {@link
     * SendStatus#FULL} instead of dropping, so the caller keeps the element.
     */
    DROP_NEWEST
}
