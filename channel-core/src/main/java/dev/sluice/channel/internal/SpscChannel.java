package dev.sluice.channel.internal;

import static dev.sluice.channel.SendStatus.CLOSED;
import static dev.sluice.channel.SendStatus.FULL;
import static dev.sluice.channel.SendStatus.SENT;

import dev.sluice.channel.Overflow;
import dev.sluice.channel.SendStatus;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

abstract class SpscPad0<T> extends PollingCore<T> {
    long p00, p01, p02, p03, p04, p05, p06, p07;
    long p08, p09, p10, p11, p12, p13, p14, p15;

    SpscPad0(Overflow overflow, @Nullable Consumer<? super T> onDrop) {
        super(overflow, onDrop);
    }
}

/** Producer-owned fields. */
abstract class SpscProducerFields<T> extends SpscPad0<T> {
    /** {@code [mark:1][position:63]}; written by the producer (CAS) and by a closer (mark). */
    volatile long tail;
    /** The producer's last view of the head; only the producer touches it. */
    long cachedHead;
    /**
     * Slots held by permits. Updated atomically: a subscribed upstream ({@code flux.subscribe(tx)})
     * reserves from readiness callbacks while its onNext fills slots on the upstream's thread.
     * Filling keeps {@code tail + reserved} constant, so the two never overcommit.
     */
    volatile int reserved;

    SpscProducerFields(Overflow overflow, @Nullable Consumer<? super T> onDrop) {
        super(overflow, onDrop);
    }
}

abstract class SpscPad1<T> extends SpscProducerFields<T> {
    long p20, p21, p22, p23, p24, p25, p26, p27;
    long p28, p29, p30, p31, p32, p33, p34, p35;

    SpscPad1(Overflow overflow, @Nullable Consumer<? super T> onDrop) {
        super(overflow, onDrop);
    }
}

/** Consumer-owned fields. */
abstract class SpscConsumerFields<T> extends SpscPad1<T> {
    volatile long head;
    /** The consumer's last view of the tail position; only the consumer touches it. */
    long cachedTail;

    SpscConsumerFields(Overflow overflow, @Nullable Consumer<? super T> onDrop) {
        super(overflow, onDrop);
    }
}

abstract class SpscPad2<T> extends SpscConsumerFields<T> {
    long p40, p41, p42, p43, p44, p45, p46, p47;
    long p48, p49, p50, p51, p52, p53, p54, p55;

    SpscPad2(Overflow overflow, @Nullable Consumer<? super T> onDrop) {
        super(overflow, onDrop);
    }
}

/**
 * The bounded flavor for exactly one producer and one consumer: a Lamport ring with cached indices
 * (as in FastFlow and JCTools' {@code SpscArrayQueue}), so each side reads the other's index only
 * when its cached copy says full or empty.
 *
 * <h2>Implementation overview</h2>
 *
 * <p>The producer writes the element (plain) and publishes it by CAS on the tail, whose sign bit is
 * the closed mark: a close from another thread (a receiver leaving, or a sender handle closed
 * concurrently) therefore either precedes a send (which then fails) or follows it (and the element
 * is drained). The CAS is uncontended in steady state and also serves as the full fence the {@link
 * Waiters} Dekker argument needs. The consumer reads the element after an acquire load of the tail,
 * clears the slot, and advances the head with a volatile store (its fence for the same argument).
 *
 * <p>Permits are a count beside the tail; filling a reserved slot publishes the position first and
 * then gives the slot up, so a concurrent reservation can only see too little room, never too much.
 *
 * @param <T> the element type
 */
final class SpscChannel<T> extends SpscPad2<T> {
    private static final long MARK = Long.MIN_VALUE;
    private static final VarHandle TAIL, HEAD, RESERVED;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            TAIL = l.findVarHandle(SpscProducerFields.class, "tail", long.class);
            HEAD = l.findVarHandle(SpscConsumerFields.class, "head", long.class);
            RESERVED = l.findVarHandle(SpscProducerFields.class, "reserved", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int capacity;
    private final int mask;
    private final Object[] elements;

    SpscChannel(int capacity, Overflow overflow, @Nullable Consumer<? super T> onDrop) {
        super(overflow, onDrop);
        this.capacity = capacity;
        int physical = capacity == 1 ? 1 : Integer.highestOneBit(capacity - 1) << 1;
        this.mask = physical - 1;
        this.elements = new Object[physical];
    }

    /**
     * Whether {@code extra} more slots fit, refreshing the cached head only when needed. The caller
     * reads {@code r} (reserved) before {@code t} (tail): a permit fill publishes the tail before it
     * gives up its reservation, so in that order the sum can only overstate what is used.
     */
    private boolean fits(int r, long t, int extra) {
        if (t + r + extra - cachedHead <= capacity) {
            return true;
        }
        cachedHead = (long) HEAD.getAcquire(this);
        return t + r + extra - cachedHead <= capacity;
    }

    @Override
    SendStatus offer(T element) {
        int r = reserved;
        long t = (long) TAIL.getAcquire(this);
        if (t < 0) {
            return CLOSED;
        }
        if (!fits(r, t, 1)) {
            return FULL;
        }
        return publish(t, element);
    }

    private SendStatus publish(long t, T element) {
        elements[(int) t & mask] = element;
        long witness = (long) TAIL.compareAndExchange(this, t, t + 1);
        if (witness == t) {
            return SENT;
        }
        if (witness == (t | MARK)) {
            // A closer set the mark since we read t: position t is never read; clear our write.
            elements[(int) t & mask] = null;
            return CLOSED;
        }
        throw new IllegalStateException("two threads sent at once on a single-producer channel");
    }

    @Override
    SendStatus reserveSlots(int n) {
        int r = reserved;
        long t = (long) TAIL.getAcquire(this);
        if (t < 0) {
            return CLOSED;
        }
        if (!fits(r, t, n)) {
            return FULL;
        }
        RESERVED.getAndAdd(this, n);
        return SENT;
    }

    @Override
    SendStatus offerReserved(T element) {
        long t = (long) TAIL.getAcquire(this);
        if (t < 0) {
            return CLOSED;
        }
        // The slot becomes a position: publish first, so tail + reserved never dips below the truth.
        SendStatus s = publish(t, element);
        if (s == SENT) {
            RESERVED.getAndAdd(this, -1);
        }
        return s; // CLOSED: the caller releases the slot
    }

    @Override
    void releaseSlots(int n) {
        RESERVED.getAndAdd(this, -n);
    }

    @Override
    @SuppressWarnings("unchecked")
    @Nullable
    T poll() {
        long h = head;
        if (h >= cachedTail) {
            cachedTail = (long) TAIL.getAcquire(this) & ~MARK;
            if (h >= cachedTail) {
                return null;
            }
        }
        int i = (int) h & mask;
        T e = (T) elements[i];
        elements[i] = null;
        HEAD.setVolatile(this, h + 1); // frees the slot; volatile for the Dekker argument
        return e;
    }

    @Override
    boolean markClosed() {
        return (long) TAIL.getAndBitwiseOr(this, MARK) >= 0;
    }

    @Override
    public boolean isClosed() {
        return tail < 0;
    }

    @Override
    boolean isDrained() {
        long t = tail;
        return t < 0 && (t & ~MARK) == head;
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public int size() {
        if (buffersDiscarded()) {
            return 0; // the last receiver left: the buffer is being discarded with the close
        }
        for (; ; ) { // a snapshot: see ArrayRing.size()
            long h = head;
            long t = tail & ~MARK;
            if (head == h) {
                long d = t - h;
                return d <= 0 ? 0 : (int) Math.min(d, capacity);
            }
        }
    }

    @Override
    void discardBuffered() {
        // Runs when the one receiver handle closes, i.e. on the consumer's side by contract.
        while (poll() != null) {
            // drop: no receiver is left
        }
    }
}
