package dev.sluice.channel.internal;

import dev.sluice.channel.ChannelClosedException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.jspecify.annotations.Nullable;

/**
 * Why a channel closed, and the exceptions that say so. A channel closes for one of three reasons
 * (docs/design.md, S4 and S5): the last sender closed, a sender failed it, or the last receiver
 * closed. The first reason recorded wins; the flavor's closed mark is set after it, so whoever sees
 * the mark (a receiver that found the channel drained, a refused send) also sees the reason.
 *
 * <p>Also holds {@link #listeners}: parties that wait only for the end (a subscription without
 * demand, an idle upstream feed) and must not take the wake-ups meant for elements or slots.
 */
final class CloseState {
    private static final VarHandle REASON, TERMINAL;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            REASON = l.findVarHandle(CloseState.class, "reason", Object.class);
            TERMINAL = l.findVarHandle(CloseState.class, "terminal", ChannelClosedException.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final Object SENDERS_GONE = new Object();
    private static final Object RECEIVERS_GONE = new Object();

    /** null while open; then SENDERS_GONE, RECEIVERS_GONE or the failure's cause. */
    private volatile @Nullable Object reason;
    /** Whether the last receiver left (the buffer is then discarded), whatever the reason. */
    private volatile boolean receiversGone;

    private volatile @Nullable ChannelClosedException terminal;

    /** Parties waiting only for the channel to close or drain. */
    final Waiters listeners = new Waiters();

    /** Records that the last sender closed; {@code false} if a reason was already recorded. */
    boolean sendersGone() {
        return REASON.compareAndSet(this, null, SENDERS_GONE);
    }

    /** Records that the last receiver left (set before the flavor's mark). */
    void receiversGone() {
        receiversGone = true;
        REASON.compareAndSet(this, null, RECEIVERS_GONE);
    }

    /** Records a failure; {@code false} if the channel had already closed for another reason. */
    boolean fail(Throwable cause) {
        return REASON.compareAndSet(this, null, cause);
    }

    /** Whether a reason is recorded: the flavor's mark is set, or about to be. */
    boolean isClosing() {
        return reason != null;
    }

    /** Whether the last receiver left. */
    boolean areReceiversGone() {
        return receiversGone;
    }

    /** The failure's cause, if the channel was failed. */
    @Nullable
    Throwable failure() {
        Object r = reason;
        return r instanceof Throwable ? (Throwable) r : null;
    }

    /** The exception for a send that found the channel closed. */
    ChannelClosedException closedForSending() {
        Throwable cause = failure();
        String why = receiversGone
                ? "channel closed: every receiver has closed"
                : cause != null ? "channel failed: " + cause : "channel closed for sending";
        return new ChannelClosedException(why, cause);
    }

    /** The exception for a blocking receive on a closed, drained channel (with a stack trace). */
    ChannelClosedException closedForReceiving() {
        Throwable cause = failure();
        return new ChannelClosedException(
                cause != null ? "channel failed: " + cause : "channel closed and drained", cause);
    }

    /** The shared, stackless instance thrown by {@code tryRecv} on a closed, drained channel. */
    ChannelClosedException terminal() {
        ChannelClosedException t = terminal;
        if (t == null) {
            Throwable cause = failure();
            t = new TerminalException(cause != null ? "channel failed: " + cause : "channel closed and drained", cause);
            ChannelClosedException w = (ChannelClosedException) TERMINAL.compareAndExchange(this, null, t);
            if (w != null) {
                t = w;
            }
        }
        return t;
    }
}
