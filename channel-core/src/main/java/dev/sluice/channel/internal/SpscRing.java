package dev.sluice.channel.internal;

import static dev.sluice.channel.SendStatus.CLOSED;
import static dev.sluice.channel.SendStatus.FULL;
import static dev.sluice.channel.SendStatus.SENT;

import dev.sluice.channel.SendStatus;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.jspecify.annotations.Nullable;

abstract class SpscPad0 {
    long p00, p01, p02, p03, p04, p05, p06, p07;
    long p08, p09, p10, p11, p12, p13, p14, p15;
}

/** Producer-owned fields. */
abstract class SpscProducerFields extends SpscPad0 {
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
}

abstract class SpscPad1 extends SpscProducerFields {
    long p20, p21, p22, p23, p24, p25, p26, p27;
    long p28, p29, p30, p31, p32, p33, p34, p35;
}

/** Consumer-owned fields. */
abstract class SpscConsumerFields extends SpscPad1 {
    volatile long head;
    /** The consumer's last view of the tail position; only the consumer touches it. */
    long cachedTail;
}

abstract class SpscPad2 extends SpscConsumerFields {
    long p40, p41, p42, p43, p44, p45, p46, p47;
    long p48, p49, p50, p51, p52, p53, p54, p55;
}

/**
 * The buffer for exactly one producer and one consumer: a Lamport ring with cached indices (as in
 * FastFlow and JCTools' {@code SpscArrayQueue}), so each side reads the other's index only when its
 * cached copy says full or empty.
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
 * A reservation re-reads the mark after it counted its slots: the room it found may have been made by
 * the last receiver's close discarding the buffer, which happens after the mark.
 *
 * @param <E> the element type
 */
final class SpscRing<E> extends SpscPad2 implements Buffer<E> {
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

    SpscRing(int capacity) {
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
    public SendStatus offer(E element) {
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

    private SendStatus publish(long t, E element) {
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
    public SendStatus reserve(int n) {
        int r = reserved;
        long t = (long) TAIL.getAcquire(this);
        if (t < 0) {
            return CLOSED;
        }
        if (!fits(r, t, n)) {
            return FULL;
        }
        RESERVED.getAndAdd(this, n);
        if ((long) TAIL.getVolatile(this) < 0) {
            // Marked since: the free slots we counted may be the ones the last receiver's close
            // discarded, which is after the mark. Refuse, as a reservation after the close must.
            RESERVED.getAndAdd(this, -n);
            return CLOSED;
        }
        return SENT;
    }

    @Override
    public SendStatus offerReserved(E element) {
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
    public void release(int n) {
        RESERVED.getAndAdd(this, -n);
    }

    @Override
    @SuppressWarnings("unchecked")
    public @Nullable E poll() {
        long h = head;
        if (h >= cachedTail) {
            cachedTail = (long) TAIL.getAcquire(this) & ~MARK;
            if (h >= cachedTail) {
                return null;
            }
        }
        int i = (int) h & mask;
        E e = (E) elements[i];
        elements[i] = null;
        HEAD.setVolatile(this, h + 1); // frees the slot; volatile for the Dekker argument
        return e;
    }

    @Override
    public boolean mark() {
        return (long) TAIL.getAndBitwiseOr(this, MARK) >= 0;
    }

    @Override
    public boolean isMarked() {
        return tail < 0;
    }

    @Override
    public boolean isDrained() {
        long t = tail;
        return t < 0 && (t & ~MARK) == head;
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public int size() {
        for (; ; ) { // a snapshot: the tail read between two equal reads of the head (see ArrayRing)
            long h = head;
            long t = tail & ~MARK;
            if (head == h) {
                long d = t - h;
                return d <= 0 ? 0 : (int) Math.min(d, capacity);
            }
        }
    }

    @Override
    public int free() {
        int r = reserved;
        long used = (tail & ~MARK) - head + r;
        return (int) Math.max(0L, capacity - used);
    }
}
