package dev.sluice.channel.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.jspecify.annotations.Nullable;

/**
 * One handle's share of its channel: whether the handle is still open, and how to give its count
 * back. It is kept apart from the handle so that the {@link LeakGuard} can close a handle that
 * was dropped without {@code close()}: a cleaning action must not reach the handle it cleans up
 * after, or the handle would never become unreachable.
 */
final class HandleLease implements Runnable {
    private static final VarHandle CLOSED;

    static {
        try {
            CLOSED = MethodHandles.lookup().findVarHandle(HandleLease.class, "closed", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ChannelCore<?> core;
    private final boolean sender;
    /** Where the handle was created, when {@link LeakGuard#DEBUG_PROPERTY} is on; otherwise null. */
    private final @Nullable Throwable origin;

    private volatile boolean closed;

    HandleLease(ChannelCore<?> core, boolean sender, @Nullable Throwable origin) {
        this.core = core;
        this.sender = sender;
        this.origin = origin;
    }

    boolean isClosed() {
        return closed;
    }

    /** Marks the handle closed; {@code true} for the one call that did. */
    boolean markClosed() {
        return CLOSED.compareAndSet(this, false, true);
    }

    /** Gives the handle's count back; the last handle of a side closes that side (S4). */
    void release() {
        if (sender) {
            if (core.handles.releaseSender()) {
                core.sendersGone();
            }
        } else if (core.handles.releaseReceiver()) {
            core.receiversGone();
        }
    }

    /**
     * The cleaning action: runs once, on the cleaner's thread when the handle became unreachable
     * while open, or on the closing thread after an explicit close (then it finds the lease closed
     * and does nothing).
     */
    @Override
    public void run() {
        if (markClosed()) {
            release();
            LeakGuard.reportForgotten(sender ? "Sender" : "Receiver", core, origin);
        }
    }
}
