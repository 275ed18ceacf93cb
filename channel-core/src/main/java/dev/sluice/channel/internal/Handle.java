package dev.sluice.channel.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.Cleaner;
import org.jspecify.annotations.Nullable;

/**
 * What sender and receiver handles share: the core they point to, their own open/closed state, their
 * queue of async operations, and the introspection that simply asks the core.
 *
 * @param <T> the element type
 */
abstract class Handle<T> {
    private static final VarHandle ASYNC;

    static {
        try {
            ASYNC = MethodHandles.lookup().findVarHandle(Handle.class, "async", AsyncOps.class);
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
    /** This handle's async operations, created with the first one. */
    private volatile @Nullable AsyncOps<T> async;

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

    /** The queue of this handle's async operations (docs/design.md S8: one handle's order holds). */
    @SuppressWarnings("unchecked")
    final AsyncOps<T> async(boolean sending) {
        AsyncOps<T> a = async;
        if (a == null) {
            a = new AsyncOps<>(core, sending, this);
            AsyncOps<T> w = (AsyncOps<T>) ASYNC.compareAndExchange(this, null, a);
            if (w != null) {
                a = w;
            }
        }
        return a;
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
        return kind() + "[" + core + ", size=" + core.size() + ", capacity=" + core.capacity()
                + (lease.isClosed() ? ", handle closed" : "")
                + (core.isClosed() ? ", channel closed" : "")
                + "]";
    }
}
