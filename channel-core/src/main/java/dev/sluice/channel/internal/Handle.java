package dev.sluice.channel.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.Cleaner;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * What sender and receiver handles share: the core they point to, their own open/closed state, the
 * ordering of their async operations, and the introspection that simply asks the core.
 *
 * @param <T> the element type
 */
abstract class Handle<T> {
    private static final VarHandle LAST_ASYNC;

    static {
        try {
            LAST_ASYNC = MethodHandles.lookup().findVarHandle(Handle.class, "lastAsync", CompletableFuture.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final ChannelCore<T> core;
    /** Whether {@code clone()} is allowed (false on the single side of a specialised flavor). */
    final boolean cloneable;

    /** This handle's open state and count, apart from it so that a dropped handle can be closed. */
    private final HandleLease lease;

    private final Cleaner.Cleanable cleanable;
    /** The async op started last through this handle; the next one starts after it. */
    private volatile @Nullable CompletableFuture<?> lastAsync;

    Handle(ChannelCore<T> core, boolean cloneable, boolean sender) {
        this.core = core;
        this.cloneable = cloneable;
        this.lease = LeakGuard.lease(core, sender);
        this.cleanable = LeakGuard.watch(this, lease);
    }

    /** The core, or {@link IllegalStateException} if this handle is closed. */
    final ChannelCore<T> open() {
        if (lease.isClosed()) {
            throw new IllegalStateException("this " + kind() + " handle is closed");
        }
        return core;
    }

    /** Marks this handle closed; {@code true} for the one call that did. */
    final boolean markHandleClosed() {
        return lease.markClosed();
    }

    /** After {@link #markHandleClosed()}: gives this handle's count back, and stops watching it. */
    final void releaseHandle() {
        lease.release();
        cleanable.clean(); // finds the lease closed: only unregisters it from the cleaner
    }

    /** Closes this handle (idempotent). */
    final void closeHandle() {
        if (markHandleClosed()) {
            releaseHandle();
        }
    }

    /**
     * Starts an async op once every op this handle started before it has ended (per-handle order).
     * Waiting for the previous op alone is not enough: a cancelled (or timed-out) op ends at once,
     * while the ops before it may still be pending. So each op gets a gate that opens when the op
     * has ended and the gate before it has opened, and the next op waits for that gate.
     */
    final <R> CompletableFuture<R> startInOrder(CompletableFuture<R> op) {
        CompletableFuture<Void> gate = new CompletableFuture<>();
        CompletableFuture<?> previous = (CompletableFuture<?>) LAST_ASYNC.getAndSet(this, gate);
        core.startAsync(op, previous);
        if (previous == null || previous.isDone()) {
            op.whenComplete((r, e) -> gate.complete(null));
        } else {
            previous.whenComplete((p, f) -> op.whenComplete((r, e) -> gate.complete(null)));
        }
        return op;
    }

    abstract String kind();

    public final int capacity() {
        return core.capacity();
    }

    public final int size() {
        return core.size();
    }

    public final boolean isClosed() {
        return core.isClosed();
    }

    public final boolean isHandleClosed() {
        return lease.isClosed();
    }

    public final int senderCount() {
        return core.handles.senders();
    }

    public final int receiverCount() {
        return core.handles.receivers();
    }

    @Override
    public String toString() {
        return kind() + "[" + core.getClass().getSimpleName() + ", size=" + core.size() + ", capacity="
                + core.capacity() + (lease.isClosed() ? ", handle closed" : "")
                + (core.isClosed() ? ", channel closed" : "")
                + "]";
    }
}
