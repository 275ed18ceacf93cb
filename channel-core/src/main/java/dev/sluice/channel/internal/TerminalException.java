package dev.sluice.channel.internal;

import dev.sluice.channel.ChannelClosedException;
import org.jspecify.annotations.Nullable;

/**
 * The closed-and-drained signal of {@code tryRecv}: one instance per channel, without a stack
 * trace, so that polling a finished channel never allocates.
 */
final class TerminalException extends ChannelClosedException {
    private static final long serialVersionUID = 1L;

    TerminalException(String message, @Nullable Throwable cause) {
        super(message, cause, false);
    }
}
