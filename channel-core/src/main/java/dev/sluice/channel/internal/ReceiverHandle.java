package dev.sluice.channel.internal;

import dev.sluice.channel.ChannelClosedException;
import dev.sluice.channel.Readiness;
import dev.sluice.channel.ReadinessWatch;
import dev.sluice.channel.Receiver;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.Reference;
import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscriber;

/**
 * A receiver handle: checks arguments and its own open state, then calls the channel's flavor.
 *
 * @param <T> the element type
 */
final class ReceiverHandle<T> extends Handle<T> implements Receiver<T> {
    private static final VarHandle SUBSCRIBED;

    static {
        try {
            SUBSCRIBED = MethodHandles.lookup().findVarHandle(ReceiverHandle.class, "subscribed", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Whether a Reactive Streams subscriber took this handle. */
    private volatile boolean subscribed;
    /** The subscription that owns this handle, once {@link #subscribe} made one. */
    private volatile @Nullable ReceiverSubscription<T> subscription;

    ReceiverHandle(ChannelCore<T> core, boolean cloneable) {
        super(core, cloneable, false);
    }

    @Override
    String kind() {
        return "Receiver";
    }

    @Override
    @SuppressWarnings("null")
    public T recv() throws InterruptedException {
        ChannelCore<T> c = open();
        BlockingCalls.check("recv", Deadline.NEVER);
        try {
            return c.flavor.recv(Deadline.NEVER);
        } finally {
            Reference.reachabilityFence(this); // not closed by the cleaner while it waits
        }
    }

    @Override
    public @Nullable T recv(Duration timeout) throws InterruptedException {
        Deadline deadline = Checks.deadline(timeout);
        ChannelCore<T> c = open();
        BlockingCalls.check("recv", deadline);
        try {
            return c.flavor.recv(deadline);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    @Override
    public @Nullable T tryRecv() {
        ChannelCore<T> c = open();
        T e = c.flavor.poll();
        if (e == null && c.flavor.isDrained()) {
            throw c.close.terminal();
        }
        return e;
    }

    @Override
    public CompletionStage<T> recvAsync() {
        open();
        return async(false).recv();
    }

    @Override
    public Readiness whenReceivable(Runnable callback) {
        Objects.requireNonNull(callback, "callback is null");
        return open().flavor.whenReceivable(callback);
    }

    @Override
    public ReadinessWatch watchReceivable(Runnable callback) {
        Objects.requireNonNull(callback, "callback is null");
        return new Watch(open().flavor, true, callback);
    }

    @Override
    @SuppressWarnings("MethodDoesntCallSuperMethod")
    public Receiver<T> clone() {
        ChannelCore<T> c = open();
        if (!cloneable) {
            throw new IllegalStateException(
                    "this channel was built with singleConsumer(): its receiver cannot be cloned");
        }
        if (!c.handles.acquireReceiver()) {
            throw new IllegalStateException("every receiver handle of this channel is closed");
        }
        return new ReceiverHandle<>(c, true);
    }

    @Override
    public void close() {
        ReceiverSubscription<T> s = subscription;
        if (s == null) {
            closeHandle();
            return;
        }
        // Tell the subscription first, so that whatever this close causes (the last receiver gone)
        // reaches its subscriber as this error, not as a completion.
        s.markHandleClosed();
        closeHandle();
        s.handleClosed();
    }

    @Override
    public void subscribe(Subscriber<? super T> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber is null (§1.9)");
        String refusal = null;
        if (!SUBSCRIBED.compareAndSet(this, false, true)) {
            refusal = "this Receiver handle already has a subscriber; subscribe rx.clone() to add a competing consumer";
        } else if (isHandleClosed()) {
            refusal = "this Receiver handle is closed";
        }
        if (refusal != null) {
            subscriber.onSubscribe(NoSubscription.INSTANCE); // §1.9: onSubscribe before onError
            subscriber.onError(new IllegalStateException(refusal));
            return;
        }
        ReceiverSubscription<T> s = new ReceiverSubscription<>(core, this, subscriber);
        subscription = s;
        s.start();
    }

    @Override
    public Iterator<T> iterator() {
        open();
        return new Iterator<>() {
            private @Nullable T next;
            private boolean finished;

            @Override
            public boolean hasNext() {
                if (next != null) {
                    return true;
                }
                if (finished) {
                    return false;
                }
                try {
                    next = recv();
                    return true;
                } catch (ChannelClosedException closed) {
                    finished = true;
                    if (core.close.failure() != null) {
                        throw closed; // a failed channel ends iteration with its cause
                    }
                    return false;
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new ChannelClosedException("interrupted while waiting for an element", interrupted);
                }
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("channel closed and drained");
                }
                T e = next;
                next = null;
                return e;
            }
        };
    }

    /**
     * A stream that never splits: a parallel stream's batching spliterator would take elements out
     * of the channel ahead of need, and a short-circuiting stream ({@code limit}) would then drop
     * them. Receiving is sequential anyway; parallel stages still run in parallel after it.
     */
    @Override
    public Stream<T> stream() {
        Iterator<T> it = iterator();
        return StreamSupport.stream(new ReceivingSpliterator<>(it), false);
    }

    @Override
    public boolean isTerminated() {
        return core.flavor.isDrained();
    }

    /** Takes one element per advance; refuses to split (see {@link #stream()}). */
    private static final class ReceivingSpliterator<T> implements Spliterator<T> {
        private final Iterator<T> it;

        ReceivingSpliterator(Iterator<T> it) {
            this.it = it;
        }

        @Override
        public boolean tryAdvance(Consumer<? super T> action) {
            if (!it.hasNext()) {
                return false;
            }
            action.accept(it.next());
            return true;
        }

        @Override
        public @Nullable Spliterator<T> trySplit() {
            return null;
        }

        @Override
        public long estimateSize() {
            return Long.MAX_VALUE;
        }

        @Override
        public int characteristics() {
            return Spliterator.ORDERED | Spliterator.NONNULL;
        }
    }
}
