package dev.sluice.channel;

import org.jspecify.annotations.Nullable;

/**
 * The clause of a {@link Select} that took effect: which one, and what it did — received an element,
 * sent its element, or found its channel closed.
 */
public final class Selected {
    private final int index;
    private final boolean receive;
    private final @Nullable Object value;
    private final @Nullable ChannelClosedException closed;

    Selected(int index, boolean receive, @Nullable Object value, @Nullable ChannelClosedException closed) {
        this.index = index;
        this.receive = receive;
        this.value = value;
        this.closed = closed;
    }

    /**
     * The clause's position in its select: 0 for the first clause added.
     *
     * @return the clause's position
     */
    public int index() {
        return index;
    }

    /**
     * Whether the clause is a receive (else a send).
     *
     * @return {@code true} for a receive clause, {@code false} for a send clause
     */
    public boolean isReceive() {
        return receive;
    }

    /**
     * Whether the clause found its channel closed instead of taking effect: closed and drained for a
     * receive, closed for sending for a send (whose element then stays the caller's).
     *
     * @return {@code true} if the clause found its channel closed
     */
    public boolean isClosed() {
        return closed != null;
    }

    /**
     * The close the clause found, whose {@link ChannelClosedException#getCause() cause} is the
     * failure if the channel was failed; {@code null} if the clause took effect.
     *
     * @return the close the clause found, or {@code null} if it took effect
     */
    public @Nullable ChannelClosedException closed() {
        return closed;
    }

    /**
     * The element a receive clause received.
     *
     * @param <T> the element type, as the caller expects it (the cast is not checked)
     * @return the element received
     * @throws IllegalStateException if the clause is a send, or found its channel closed
     */
    @SuppressWarnings("unchecked")
    public <T> T value() {
        if (!receive) {
            throw new IllegalStateException("clause " + index + " is a send: it has no received value");
        }
        if (closed != null) {
            throw new IllegalStateException("clause " + index + " found its channel closed", closed);
        }
        return (T) value;
    }

    @Override
    public String toString() {
        String what = closed != null ? "closed" : receive ? "received " + value : "sent";
        return "Selected[clause " + index + ": " + what + "]";
    }
}
