package dev.sluice.channel.testing;

import dev.sluice.channel.Channel;
import dev.sluice.channel.ChannelBuilder;
import dev.sluice.channel.Overflow;

/**
 * The one list of channel flavors, shared by channel-core's tests, the TCK module and the benchmarks
 * (published to them as channel-core's test jar): each constant says how to build that flavor, and
 * what it promises. A flavor takes a capacity; {@link #RENDEZVOUS} and {@link #UNBOUNDED} ignore it.
 */
public enum ChannelFlavor {
    /** {@code Channel.bounded(n)}: many producers, many consumers, the array ring. */
    BOUNDED(false, false, Overflow.BLOCK),
    /** {@code builder().capacity(n).singleProducer()}: the sender cannot be cloned. */
    SINGLE_PRODUCER(true, false, Overflow.BLOCK),
    /** {@code builder().capacity(n).singleConsumer()}: many producers, one consumer. */
    SINGLE_CONSUMER(false, true, Overflow.BLOCK),
    /** {@code builder().capacity(n).singleProducer().singleConsumer()}: the SPSC ring. */
    SPSC(true, true, Overflow.BLOCK),
    /** {@code Channel.rendezvous()}: capacity 0, a send completes when a receiver takes it. */
    RENDEZVOUS(false, false, Overflow.BLOCK),
    /** {@code Channel.unbounded()}: senders never wait. */
    UNBOUNDED(false, false, Overflow.BLOCK),
    /** {@code builder().capacity(n).overflow(DROP_OLDEST)}: a full channel evicts its oldest element. */
    DROP_OLDEST(false, false, Overflow.DROP_OLDEST),
    /** {@code builder().capacity(n).overflow(DROP_NEWEST)}: a full channel drops the element sent. */
    DROP_NEWEST(false, false, Overflow.DROP_NEWEST);

    private final boolean singleProducer;
    private final boolean singleConsumer;
    private final Overflow overflow;

    ChannelFlavor(boolean singleProducer, boolean singleConsumer, Overflow overflow) {
        this.singleProducer = singleProducer;
        this.singleConsumer = singleConsumer;
        this.overflow = overflow;
    }

    /**
     * A new channel of this flavor, from the factory a user would call where there is one ({@code
     * bounded}, {@code rendezvous}, {@code unbounded}), else from the builder.
     */
    public <T> Channel<T> create(int capacity) {
        switch (this) {
            case BOUNDED:
                return Channel.bounded(capacity);
            case RENDEZVOUS:
                return Channel.rendezvous();
            case UNBOUNDED:
                return Channel.unbounded();
            default:
                return this.<T>builder(capacity).build();
        }
    }

    /** A builder set up for this flavor, to which a test may add more (a hook, a policy). */
    public <T> ChannelBuilder<T> builder(int capacity) {
        ChannelBuilder<T> b = Channel.builder();
        if (this == UNBOUNDED) {
            b = b.unbounded();
        } else {
            b = b.capacity(this == RENDEZVOUS ? 0 : capacity);
        }
        if (singleProducer) {
            b = b.singleProducer();
        }
        if (singleConsumer) {
            b = b.singleConsumer();
        }
        if (overflow != Overflow.BLOCK) {
            b = b.overflow(overflow);
        }
        return b;
    }

    /** Whether the sender handle refuses {@code clone()}. */
    public boolean singleProducer() {
        return singleProducer;
    }

    /** Whether the receiver handle refuses {@code clone()}. */
    public boolean singleConsumer() {
        return singleConsumer;
    }

    /** What a full channel of this flavor does with a send. */
    public Overflow overflow() {
        return overflow;
    }

    /** The capacity a channel of this flavor has when built with {@code capacity}. */
    public int capacity(int capacity) {
        return this == RENDEZVOUS ? 0 : this == UNBOUNDED ? Channel.UNBOUNDED : capacity;
    }

    /** How a user spells this flavor with {@code capacity}, e.g. {@code bounded(16)}. */
    public String describe(int capacity) {
        switch (this) {
            case BOUNDED:
                return "bounded(" + capacity + ")";
            case RENDEZVOUS:
                return "rendezvous()";
            case UNBOUNDED:
                return "unbounded()";
            default:
                return "capacity(" + capacity + ")"
                        + (singleProducer ? ".singleProducer()" : "")
                        + (singleConsumer ? ".singleConsumer()" : "")
                        + (overflow != Overflow.BLOCK ? ".overflow(" + overflow + ")" : "");
        }
    }
}
