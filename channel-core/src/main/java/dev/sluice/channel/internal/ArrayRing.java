package dev.sluice.channel.internal;

import static dev.sluice.channel.SendStatus.CLOSED;
import static dev.sluice.channel.SendStatus.FULL;
import static dev.sluice.channel.SendStatus.SENT;

import dev.sluice.channel.SendStatus;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.jspecify.annotations.Nullable;

/** Padding before the tail index, so it shares no cache line with the object header's neighbours. */
abstract class ArrayRingPad0 {
    long p00, p01, p02, p03, p04, p05, p06, p07;
    long p08, p09, p10, p11, p12, p13, p14, p15;
}

abstract class ArrayRingTail extends ArrayRingPad0 {
    /** The tail word, see {@link ArrayRing}. Producers CAS it. */
    volatile long tail;
}

abstract class ArrayRingPad1 extends ArrayRingTail {
    long p20, p21, p22, p23, p24, p25, p26, p27;
    long p28, p29, p30, p31, p32, p33, p34, p35;
}

abstract class ArrayRingHead extends ArrayRingPad1 {
    /** The next position to receive. Consumers CAS it. */
    volatile long head;
}

abstract class ArrayRingPad2 extends ArrayRingHead {
    long p40, p41, p42, p43, p44, p45, p46, p47;
    long p48, p49, p50, p51, p52, p53, p54, p55;
}

/**
 * A bounded lock-free multi-producer multi-consumer FIFO ring with per-slot sequence stamps, after
 * Dmitry Vyukov's bounded MPMC queue (1024cores.net, "Bounded MPMC queue") and crossbeam-channel's
 * {@code flavors/array.rs}, extended with a closed mark and reservable slots (permits).
 *
 * <h2>Implementation overview</h2>
 *
 * <p>Positions count up forever (modulo 2^36); position {@code p} lives in slot {@code p & mask}
 * of a power-of-two array of {@code physical} slots. Slot {@code i}'s stamp says whose turn it is:
 * {@code stamp == p} means free for the producer of position {@code p}; {@code stamp == p + 1}
 * means it holds the element of position {@code p} for the consumer of {@code p}, who then sets it
 * to {@code p + physical}, freeing it for the next lap. Producers claim a position by CAS on the
 * tail, consumers by CAS on the head; the stamp (release store, acquire load) publishes the element
 * itself, so producers and consumers touch the shared indices once per element.
 *
 * <p>The tail is one 64-bit word: {@code [mark:1][headroom:27][position:36]}. Keeping the mark and
 * the headroom in the word that producers CAS makes closing and reserving linearizable with sends:
 *
 * <ul>
 *   <li><b>mark</b> (the sign bit): set once when the channel closes; no position is claimed after
 *       it, so receivers drain exactly the positions below the marked tail.
 *   <li><b>headroom</b> {@code h}: slots that must stay free beyond the tail. It starts at {@code
 *       physical - capacity}, which is how a capacity that is not a power of two is enforced, and
 *       grows by {@code n} for every permit of {@code n} slots. A plain send at position {@code p}
 *       needs slot {@code p + h} free; a permit send converts one unit of headroom into a position
 *       ({@code p+1, h-1}), so {@code p + h} does not move and the slot was already checked free
 *       when the permit was taken.
 * </ul>
 *
 * <p>"Slot {@code q} free for lap {@code q}" proves the consumer of {@code q - physical} is done,
 * hence {@code head > q - physical}: at most {@code physical} positions are claimed or reserved
 * beyond the head. Consumers finish out of order, so when {@code h > 0} the producer's own slot
 * {@code p} may still be being read by a slower consumer of the previous lap; the producer then
 * waits for that read (a few instructions), never for space.
 *
 * <p>Empty versus in flight: a consumer that finds its slot not yet written answers "empty" only
 * if the tail position equals its head; otherwise a producer claimed the position and is about to
 * write it, and the consumer spins. This is what makes the {@link Waiters} Dekker argument hold
 * with the tail CAS as the producer's publishing write.
 */
final class ArrayRing<E> extends ArrayRingPad2 implements Buffer<E> {
    private static final int POS_BITS = 36;
    private static final long POS_MASK = (1L << POS_BITS) - 1;
    private static final int HEADROOM_SHIFT = POS_BITS;
    private static final long HEADROOM_MASK = (1L << 27) - 1;
    private static final long HEADROOM_ONE = 1L << HEADROOM_SHIFT;
    private static final long MARK = Long.MIN_VALUE;

    private static final VarHandle TAIL, HEAD, STAMPS, ELEMENTS;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            TAIL = l.findVarHandle(ArrayRingTail.class, "tail", long.class);
            HEAD = l.findVarHandle(ArrayRingHead.class, "head", long.class);
            STAMPS = MethodHandles.arrayElementVarHandle(long[].class);
            ELEMENTS = MethodHandles.arrayElementVarHandle(Object[].class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The largest capacity: the headroom field must hold {@code physical}. */
    static final int MAX_CAPACITY = 1 << 26;

    private final int capacity;
    private final int physical;
    private final int mask;
    private final long[] stamps;
    private final Object[] elements;

    ArrayRing(int capacity) {
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("ring capacity out of range: " + capacity);
        }
        this.capacity = capacity;
        // At least 2 slots: with one slot, "full for the consumer of p" (p + 1) and "free for the
        // producer of p + physical" (p + 1) would be the same stamp. Capacity 1 uses headroom 1.
        this.physical = capacity <= 2 ? 2 : Integer.highestOneBit(capacity - 1) << 1;
        this.mask = physical - 1;
        this.stamps = new long[physical];
        this.elements = new Object[physical];
        for (int i = 0; i < physical; i++) {
            stamps[i] = i;
        }
        // The fields are published to other threads with the channel (a final-field safe hand-off).
        this.tail = (long) (physical - capacity) << HEADROOM_SHIFT;
        this.head = 0L;
    }

    private static long pos(long tailWord) {
        return tailWord & POS_MASK;
    }

    private static long headroom(long tailWord) {
        return (tailWord >>> HEADROOM_SHIFT) & HEADROOM_MASK;
    }

    private static long wrap(long position) {
        return position & POS_MASK;
    }

    /** {@code a - b} for 36-bit positions, as a signed value. */
    private static long diff(long a, long b) {
        return ((a - b) << (64 - POS_BITS)) >> (64 - POS_BITS);
    }

    /** SENT, FULL, or CLOSED. */
    @Override
    public SendStatus offer(E element) {
        long t = (long) TAIL.getVolatile(this);
        for (int attempt = 0; ; attempt++) {
            if (t < 0) {
                return CLOSED;
            }
            long p = pos(t);
            long h = headroom(t);
            long q = wrap(p + h); // the slot that must be free for a send without a permit
            long d = diff((long) STAMPS.getAcquire(stamps, (int) q & mask), q);
            if (d == 0) {
                long next = (t & ~POS_MASK) | wrap(p + 1);
                long witness = (long) TAIL.compareAndExchange(this, t, next);
                if (witness == t) {
                    write(p, element, h != 0);
                    return SENT;
                }
                t = witness;
            } else if (d < 0) {
                // Slot q still holds an element of the previous lap (or a consumer is mid-read):
                // full, unless the head has moved past it meanwhile.
                long hd = (long) HEAD.getVolatile(this);
                if (diff(q, hd) >= physical) {
                    long again = (long) TAIL.getVolatile(this);
                    if (again == t) {
                        return FULL;
                    }
                    t = again;
                } else {
                    Backoff.snooze(attempt);
                    t = (long) TAIL.getVolatile(this);
                }
            } else {
                t = (long) TAIL.getVolatile(this); // our tail was stale
            }
        }
    }

    /** Reserves {@code n} slots: SENT, FULL, or CLOSED. */
    @Override
    public SendStatus reserve(int n) {
        long t = (long) TAIL.getVolatile(this);
        for (int attempt = 0; ; attempt++) {
            if (t < 0) {
                return CLOSED;
            }
            long p = pos(t);
            long q = wrap(p + headroom(t) + n - 1); // the last slot the permit will back
            long d = diff((long) STAMPS.getAcquire(stamps, (int) q & mask), q);
            if (d == 0) {
                long witness = (long) TAIL.compareAndExchange(this, t, t + n * HEADROOM_ONE);
                if (witness == t) {
                    return SENT;
                }
                t = witness;
            } else if (d < 0) {
                long hd = (long) HEAD.getVolatile(this);
                if (diff(q, hd) >= physical) {
                    long again = (long) TAIL.getVolatile(this);
                    if (again == t) {
                        return FULL;
                    }
                    t = again;
                } else {
                    Backoff.snooze(attempt);
                    t = (long) TAIL.getVolatile(this);
                }
            } else {
                t = (long) TAIL.getVolatile(this);
            }
        }
    }

    /** Sends into a reserved slot: SENT, or CLOSED (the caller releases the slot). */
    @Override
    public SendStatus offerReserved(E element) {
        long t = (long) TAIL.getVolatile(this);
        for (; ; ) {
            if (t < 0) {
                return CLOSED;
            }
            long p = pos(t);
            long next = ((t & ~POS_MASK) - HEADROOM_ONE) | wrap(p + 1);
            long witness = (long) TAIL.compareAndExchange(this, t, next);
            if (witness == t) {
                write(p, element, true);
                return SENT;
            }
            t = witness;
        }
    }

    @Override
    public void release(int n) {
        // Headroom never drops below its base, so this cannot borrow from the mark bit.
        TAIL.getAndAdd(this, -n * HEADROOM_ONE);
    }

    private void write(long p, E element, boolean mayWait) {
        int i = (int) p & mask;
        if (mayWait) {
            // With headroom, we checked slot p + h free, not slot p: wait out a slow consumer of
            // the previous lap still reading it (it already advanced the head past p - physical).
            for (int attempt = 0; (long) STAMPS.getAcquire(stamps, i) != p; attempt++) {
                Backoff.snooze(attempt);
            }
        }
        ELEMENTS.set(elements, i, element);
        STAMPS.setRelease(stamps, i, wrap(p + 1)); // publishes the element (release)
    }

    /** The oldest element, or {@code null} if none is buffered. */
    @Override
    @SuppressWarnings("unchecked")
    public @Nullable E poll() {
        long hd = (long) HEAD.getVolatile(this);
        for (int attempt = 0; ; attempt++) {
            int i = (int) hd & mask;
            long d = diff((long) STAMPS.getAcquire(stamps, i), wrap(hd + 1));
            if (d == 0) {
                long witness = (long) HEAD.compareAndExchange(this, hd, wrap(hd + 1));
                if (witness == hd) {
                    E e = (E) ELEMENTS.get(elements, i);
                    ELEMENTS.set(elements, i, null);
                    STAMPS.setRelease(stamps, i, wrap(hd + physical)); // frees the slot (release)
                    return e;
                }
                hd = witness;
            } else if (d < 0) {
                // Not written for this lap yet: empty, unless a producer claimed it and is writing.
                if (pos((long) TAIL.getVolatile(this)) == hd) {
                    return null;
                }
                Backoff.snooze(attempt);
                hd = (long) HEAD.getVolatile(this);
            } else {
                hd = (long) HEAD.getVolatile(this); // our head was stale
            }
        }
    }

    /** Sets the mark; {@code true} if this call set it. */
    @Override
    public boolean mark() {
        return (long) TAIL.getAndBitwiseOr(this, MARK) >= 0;
    }

    @Override
    public boolean isMarked() {
        return tail < 0;
    }

    /** Marked, and every claimed position was received. */
    @Override
    public boolean isDrained() {
        long t = tail;
        return t < 0 && pos(t) == head;
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public int free() {
        // Positions claimed beyond the head, plus the headroom, are the physical slots spoken for.
        for (; ; ) {
            long h = head;
            long t = tail;
            if (head == h) {
                long used = diff(pos(t), h) + headroom(t);
                return (int) Math.max(0L, physical - used);
            }
        }
    }

    @Override
    public int size() {
        // A snapshot: the tail read between two equal reads of the head (which only grows) saw the
        // ring as it was at that moment; a tail read after a head read alone could mix two moments.
        for (; ; ) {
            long h = head;
            long t = pos(tail);
            if (head == h) {
                long d = diff(t, h);
                return d <= 0 ? 0 : (int) Math.min(d, capacity);
            }
        }
    }
}
