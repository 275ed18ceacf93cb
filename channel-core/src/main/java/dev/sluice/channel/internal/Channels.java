package dev.sluice.channel.internal;

import dev.sluice.channel.Channel;
import dev.sluice.channel.ChannelBuilder;
import dev.sluice.channel.Overflow;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** Builds channels: picks the flavor that fits the builder's settings. */
public final class Channels {
    private Channels() {}

    public static <T> ChannelBuilder<T> builder() {
        return new Builder<>();
    }

    private static final class Builder<T> implements ChannelBuilder<T> {
        private int capacity = 1024;
        private boolean unbounded;
        private boolean singleProducer;
        private boolean singleConsumer;
        private Overflow overflow = Overflow.BLOCK;
        private @Nullable Consumer<? super T> undeliveredHook;

        @Override
        public ChannelBuilder<T> capacity(int capacity) {
            if (capacity < 0) {
                throw new IllegalArgumentException("capacity is negative: " + capacity);
            }
            if (capacity > Channel.MAX_CAPACITY) {
                throw new IllegalArgumentException(
                        "capacity exceeds Channel.MAX_CAPACITY (" + Channel.MAX_CAPACITY + "): " + capacity);
            }
            this.capacity = capacity;
            this.unbounded = false;
            return this;
        }

        @Override
        public ChannelBuilder<T> unbounded() {
            this.unbounded = true;
            return this;
        }

        @Override
        public ChannelBuilder<T> singleProducer() {
            this.singleProducer = true;
            return this;
        }

        @Override
        public ChannelBuilder<T> singleConsumer() {
            this.singleConsumer = true;
            return this;
        }

        @Override
        public ChannelBuilder<T> overflow(Overflow overflow) {
            this.overflow = Objects.requireNonNull(overflow, "overflow is null");
            return this;
        }

        @Override
        public ChannelBuilder<T> onUndeliveredElement(Consumer<? super T> hook) {
            this.undeliveredHook = Objects.requireNonNull(hook, "hook is null");
            return this;
        }

        @Override
        public Channel<T> build() {
            if ((unbounded || capacity == 0) && overflow != Overflow.BLOCK) {
                throw new IllegalArgumentException(
                        "overflow " + overflow + " needs a bounded capacity of at least 1, not "
                                + (unbounded ? "an unbounded channel" : "capacity 0"));
            }
            CloseState close = new CloseState();
            Undelivered<T> undelivered = new Undelivered<>(undeliveredHook);
            Flavor<T> flavor = capacity == 0 && !unbounded
                    ? new RendezvousChannel<>(close)
                    : new BufferedChannel<>(buffer(), overflow, close, undelivered);
            return new SharedChannel<>(new ChannelCore<>(flavor, close, undelivered), !singleProducer, !singleConsumer);
        }

        /** The data structure that fits: each one decides its own overflow and single-side shortcuts. */
        private Buffer<T> buffer() {
            if (unbounded) {
                return new LinkedBuffer<>();
            }
            if (overflow == Overflow.DROP_OLDEST) {
                return new LockedRing<>(capacity); // evicts atomically with the send (any producers)
            }
            if (singleProducer && singleConsumer) {
                return new SpscRing<>(capacity);
            }
            return new ArrayRing<>(capacity);
        }
    }
}
