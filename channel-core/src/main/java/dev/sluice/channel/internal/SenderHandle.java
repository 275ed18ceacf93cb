package dev.sluice.channel.internal;

import dev.sluice.channel.Permit;
import dev.sluice.channel.Readiness;
import dev.sluice.channel.ReadinessWatch;
import dev.sluice.channel.SendStatus;
import dev.sluice.channel.Sender;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.Reference;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;

/**
 * A sender handle: checks arguments and its own open state, then calls the channel's flavor. Each
 * handle counts once in the {@link HandleCounter}; closing it twice counts once.
 *
 * @param <T> the element type
 */
final class SenderHandle<T> extends Handle<T> implements Sender<T> {
    private static final VarHandle FEED;

    static {
        try {
            FEED = MethodHandles.lookup().findVarHandle(SenderHandle.class, "feed", UpstreamFeed.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The upstream subscribed into this handle, if any. */
    private volatile @Nullable UpstreamFeed<T> feed;

    SenderHandle(ChannelCore<T> core, boolean cloneable) {
        super(core, cloneable, true);
    }

    @Override
    String kind() {
        return "Sender";
    }

    @Override
    public void send(T element) throws InterruptedException {
        Checks.element(element);
        ChannelCore<T> c = open();
        BlockingCalls.check("send", Deadline.NEVER);
        try {
            c.flavor.send(element, Deadline.NEVER);
        } finally {
            Reference.reachabilityFence(this); // not closed by the cleaner while it waits
        }
    }

    @Override
    public boolean send(T element, Duration timeout) throws InterruptedException {
        Checks.element(element);
        Deadline deadline = Checks.deadline(timeout);
        ChannelCore<T> c = open();
        BlockingCalls.check("send", deadline);
        try {
            return c.flavor.send(element, deadline);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    @Override
    public SendStatus trySend(T element) {
        Checks.element(element);
        return open().flavor.trySend(element);
    }

    @Override
    public CompletionStage<Void> sendAsync(T element) {
        Checks.element(element);
        open();
        return async(true).send(element);
    }

    @Override
    public Permit<T> reserve() throws InterruptedException {
        ChannelCore<T> c = open();
        SlotFlavor<T> slots = slotsOf(c);
        BlockingCalls.check("reserve", Deadline.NEVER);
        try {
            slots.reserve(1, Deadline.NEVER);
        } finally {
            Reference.reachabilityFence(this);
        }
        return PermitHandle.holding(c, slots, 1);
    }

    @Override
    public @Nullable Permit<T> tryReserve(int slots) {
        ChannelCore<T> c = open();
        if (slots <= 0) {
            throw new IllegalArgumentException("slots must be positive: " + slots);
        }
        SlotFlavor<T> flavor = slotsOf(c);
        if (slots > c.capacity()) {
            throw new IllegalArgumentException("slots exceed the channel's capacity (" + c.capacity() + "): " + slots);
        }
        SendStatus s = flavor.tryReserve(slots);
        if (s == SendStatus.CLOSED) {
            throw c.close.closedForSending();
        }
        return s == SendStatus.SENT ? PermitHandle.holding(c, flavor, slots) : null;
    }

    private static <T> SlotFlavor<T> slotsOf(ChannelCore<T> c) {
        SlotFlavor<T> slots = c.slots;
        if (slots == null) {
            throw new UnsupportedOperationException("a rendezvous channel has no slots to reserve");
        }
        return slots;
    }

    @Override
    public Readiness whenSendable(Runnable callback) {
        Objects.requireNonNull(callback, "callback is null");
        return open().flavor.whenSendable(callback);
    }

    @Override
    public ReadinessWatch watchSendable(Runnable callback) {
        Objects.requireNonNull(callback, "callback is null");
        return new Watch(open().flavor, false, callback);
    }

    @Override
    @SuppressWarnings("MethodDoesntCallSuperMethod")
    public Sender<T> clone() {
        ChannelCore<T> c = open();
        if (!cloneable) {
            throw new IllegalStateException(
                    "this channel was built with singleProducer(): its sender cannot be cloned");
        }
        if (!c.handles.acquireSender()) {
            throw new IllegalStateException("every sender handle of this channel is closed");
        }
        return new SenderHandle<>(c, true);
    }

    @Override
    public void close() {
        UpstreamFeed<T> f = feed;
        if (f != null) {
            f.handleClosed(); // an upstream feeding a closed handle is cancelled, its slots returned
        }
        closeHandle();
    }

    @Override
    public boolean fail(Throwable cause) {
        Objects.requireNonNull(cause, "cause is null");
        // Claim this handle first but keep counting it until the cause is recorded: otherwise a
        // concurrent close() of the last other handle could close the channel normally in between.
        if (!markHandleClosed()) {
            throw new IllegalStateException("this Sender handle is closed");
        }
        boolean closedIt = core.fail(cause);
        releaseHandle();
        return closedIt;
    }

    // ---- Reactive Streams Subscriber ------------------------------------------------------

    /**
     * One upstream per handle (§2.5): a second {@code onSubscribe} is cancelled and changes nothing.
     * Signals carry no source, though, so a refused upstream that still completes or fails (as
     * {@code Flux.empty()} does) cannot be told from the first: that terminal signal ends this handle
     * as the first upstream's would, and the feed then also cancels the first upstream, so that none
     * of its later elements is dropped without it knowing.
     */
    @Override
    public void onSubscribe(Subscription subscription) {
        Objects.requireNonNull(subscription, "subscription is null (§2.13)");
        if (isHandleClosed() || core.isClosed()) {
            subscription.cancel();
            return;
        }
        UpstreamFeed<T> f = UpstreamFeed.create(core, this, subscription);
        @SuppressWarnings("unchecked")
        UpstreamFeed<T> first = (UpstreamFeed<T>) FEED.compareAndExchange(this, null, f);
        if (first != null) {
            first.refusedAnother();
            subscription.cancel(); // §2.5
            return;
        }
        f.start();
    }

    @Override
    public void onNext(T element) {
        Checks.element(element); // §2.13
        UpstreamFeed<T> f = feed;
        if (f == null) {
            throw new IllegalStateException("onNext before onSubscribe (§1.9)");
        }
        f.onNext(element);
    }

    @Override
    public void onError(Throwable cause) {
        Objects.requireNonNull(cause, "cause is null (§2.13)");
        UpstreamFeed<T> f = feed;
        if (f == null) {
            if (isHandleClosed()) {
                return; // an upstream we refused (or one that outlived close()) fails nothing
            }
            failFromUpstream(cause);
        } else {
            f.onError(cause);
        }
    }

    @Override
    public void onComplete() {
        UpstreamFeed<T> f = feed;
        if (f == null) {
            if (isHandleClosed()) {
                return;
            }
            closeFromUpstream();
        } else {
            f.onComplete();
        }
    }

    /** The upstream completed, or the channel closed under it: this handle is done. */
    void closeFromUpstream() {
        closeHandle();
    }

    /** The upstream failed: the channel fails with its cause (S5), and this handle closes. */
    void failFromUpstream(Throwable cause) {
        core.fail(cause); // even if the handle was closed meanwhile: the upstream's error stands
        closeHandle();
    }
}
