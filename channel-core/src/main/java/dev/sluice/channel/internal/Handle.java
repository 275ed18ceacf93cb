package dev.sluice.channel.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * What sender and receiver handles share: the core they point to, their own open/closed state, the
 * ordering of their async operations, and the introspection that simply asks the core.
 *
 * @param <T> the element type
 */
abstract class Handle<T> {
    private static final VarHandle CLOSED, LAST_ASYNC;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            CLOSED = l.findVarHandle(Handle.class, "closed", boolean.class);
            LAST_ASYNC = l.findVarHandle(Handle.class, "lastAsync", CompletableFuture.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final ChannelCore<T> core;
    /** Whether {@code clone()} is allowed (false on the single side of a specialised flavor). */
    final boolean cloneable;

    private volatile boolean closed;
    /** The async op started last through this handle; the next one starts after it. */
    private volatile @Nullable CompletableFuture<?> lastAsync;

    Handle(ChannelCore<T> core, boolean cloneable) {
        this.core = core;
        this.cloneable = cloneable;
    }

    /** The core, or {@link IllegalStateException} if this handle is closed. */
    final ChannelCore<T> open() {
        if (closed) {
            throw new IllegalStateException("this " + kind() + " handle is closed");
        }
        return core;
    }

    /** Marks this handle closed; {@code true} for the one call that did. */
    final boolean markHandleClosed() {
        return CLOSED.compareAndSet(this, false, true);
    }

    /** Starts an async op after the one this handle started before it (per-handle order). */
    final <R> CompletableFuture<R> startInOrder(CompletableFuture<R> op) {
        core.startAsync(op, (CompletableFuture<?>) LAST_ASYNC.getAndSet(this, op));
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
        return closed;
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
                + core.capacity() + (closed ? ", handle closed" : "") + (core.isClosed() ? ", channel closed" : "")
                + "]";
    }
}
