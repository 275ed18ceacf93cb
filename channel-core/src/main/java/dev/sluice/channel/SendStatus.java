package dev.sluice.channel;

/**
 * The answer of a non-blocking send ({@link Sender#trySend}). An enum, so asking never allocates.
 */
public enum SendStatus {
    /** The element was accepted by the channel; it will be received exactly once. */
    SENT,
    /** The channel had no free slot; the element was not accepted and the caller still owns it. */
    FULL,
    /**
     * The channel is closed for sending (every receiver left, or a sender called {@link
     * Sender#fail}); the element was not accepted.
     */
    CLOSED;

    /**
     * Whether the element was accepted.
     *
     * @return {@code true} for {@link #SENT}
     */
    public boolean isSent() {
        return this == SENT;
    }
}
