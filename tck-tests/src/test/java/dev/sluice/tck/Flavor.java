package dev.sluice.tck;

import dev.sluice.channel.Channel;
import dev.sluice.channel.Overflow;

/** The channel flavors the TCK runs against; each verification class is one (flavor, role) pair. */
public enum Flavor {
    /** {@code Channel.bounded(n)}: the array MPMC ring. */
    BOUNDED {
        @Override
        public <T> Channel<T> create(int capacity) {
            return Channel.bounded(capacity);
        }
    },
    /** {@code builder().capacity(n).singleProducer().singleConsumer()}: the SPSC ring. */
    SPSC {
        @Override
        public <T> Channel<T> create(int capacity) {
            return Channel.<T>builder()
                    .capacity(capacity)
                    .singleProducer()
                    .singleConsumer()
                    .build();
        }
    },
    /** {@code builder().capacity(n).singleConsumer()}: MPSC. */
    MPSC {
        @Override
        public <T> Channel<T> create(int capacity) {
            return Channel.<T>builder().capacity(capacity).singleConsumer().build();
        }
    },
    /** {@code Channel.rendezvous()}: capacity 0, the requested capacity is ignored. */
    RENDEZVOUS {
        @Override
        public <T> Channel<T> create(int capacity) {
            return Channel.rendezvous();
        }
    },
    /** {@code Channel.unbounded()}: the requested capacity is ignored. */
    UNBOUNDED {
        @Override
        public <T> Channel<T> create(int capacity) {
            return Channel.unbounded();
        }
    },
    /** {@code builder().capacity(n).overflow(DROP_OLDEST)}: a full channel drops its oldest element. */
    DROP_OLDEST {
        @Override
        public <T> Channel<T> create(int capacity) {
            return Channel.<T>builder()
                    .capacity(capacity)
                    .overflow(Overflow.DROP_OLDEST)
                    .build();
        }
    };

    /** Whether the sender handle can be cloned (every flavor but SPSC). */
    public boolean multiProducer() {
        return this != SPSC;
    }

    /** A new channel of this flavor; {@code capacity} is ignored by rendezvous and unbounded. */
    public abstract <T> Channel<T> create(int capacity);

    /**
     * The capacity the publisher and subscriber verifications use. Small, so that producers really
     * wait for demand (rule R1) and a subscribed sender really runs out of reserved slots (rule R4);
     * for DROP_OLDEST large enough that no TCK test that counts elements sees a drop (a drop is the
     * flavor's documented behavior, but the TCK expects every element it asked for).
     */
    public int tckCapacity() {
        return this == DROP_OLDEST ? 64 : 4;
    }
}
