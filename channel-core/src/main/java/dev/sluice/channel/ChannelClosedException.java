package dev.sluice.channel;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a channel can no longer take part in an operation: a send after every receiver left
 * or after {@link Sender#fail}, or a receive once every sender closed and every buffered element
 * was received. When the channel was failed, {@link #getCause()} is the failure.
 */
public class ChannelClosedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with a message and a cause.
     *
     * @param message the detail message
     * @param cause the cause (the failure, when the channel was failed), or {@code null}
     */
    public ChannelClosedException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }

    /**
     * A variant without a stack trace, used where the same instance is thrown repeatedly so that
     * asking a closed channel never allocates.
     *
     * @param message the detail message
     * @param cause the cause (the failure, when the channel was failed), or {@code null}
     * @param writableStackTrace whether the stack trace is writable; {@code false} for an instance
     *     without one
     */
    protected ChannelClosedException(String message, @Nullable Throwable cause, boolean writableStackTrace) {
        super(message, cause, false, writableStackTrace);
    }
}
