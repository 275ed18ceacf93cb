package dev.sluice.channel.internal;

import static dev.sluice.channel.SendStatus.CLOSED;
import static dev.sluice.channel.SendStatus.SENT;

import dev.sluice.channel.Channel;
import dev.sluice.channel.Overflow;
import dev.sluice.channel.SendStatus;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.jspecify.annotations.Nullable;

/**
 * The unbounded flavor: a linked list of {@link ArrayRing} segments (no allocation per element;
 * one segment per {@value #SEGMENT} elements).
 *
 * <h2>Implementation overview</h2>
 *
 * <p>Producers send into the tail segment. A producer that finds it full seals it (the ring's mark)
 * so nothing more lands there, links a new segment (CAS on {@code next}; the loser adopts the
 * winner's) and moves on. Consumers receive from the head segment and move to the next one only
 * when the head segment is sealed and drained, so FIFO order holds across segments.
 *
 * <p>Closing sets {@link #closed}, then walks from the tail segment sealing each one and finally
 * CASes the last segment's {@code next} from {@code null} to {@link #END}. A producer links a new
 * segment only after seeing {@code closed} false, by CAS on that same {@code next}; so either the
 * closer's walk reaches the new segment and seals it (any send that landed before is drained), or
 * the producer's CAS fails on {@code END} and its send reports CLOSED. Receivers see the channel
 * drained when the head segment is sealed, empty, and followed by {@code END}.
 *
 * @param <T> the element type
 */
final class UnboundedChannel<T> extends PollingCore<T> {
    static final int SEGMENT = 512;

    private static final VarHandle HEAD_SEG, TAIL_SEG, NEXT, CLOSED_FLAG;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            HEAD_SEG = l.findVarHandle(UnboundedChannel.class, "headSegment", Segment.class);
            TAIL_SEG = l.findVarHandle(UnboundedChannel.class, "tailSegment", Segment.class);
            NEXT = l.findVarHandle(Segment.class, "next", Segment.class);
            CLOSED_FLAG = l.findVarHandle(UnboundedChannel.class, "closed", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    static final class Segment<T> {
        final ArrayRing<T> ring;
        volatile @Nullable Segment<T> next;

        Segment(int capacity) {
            ring = new ArrayRing<>(capacity);
        }
    }

    /** Marks the end of a closed channel's segment list. */
    private static final Segment<?> END = new Segment<>(1);

    private volatile Segment<T> headSegment;
    private volatile Segment<T> tailSegment;
    private volatile boolean closed;

    UnboundedChannel() {
        super(Overflow.BLOCK, null);
        Segment<T> first = new Segment<>(SEGMENT);
        headSegment = first;
        tailSegment = first;
    }

    @SuppressWarnings("unchecked")
    private static <T> Segment<T> end() {
        return (Segment<T>) END;
    }

    @Override
    SendStatus offer(T element) {
        for (; ; ) {
            Segment<T> s = tailSegment;
            SendStatus r = s.ring.offer(element);
            if (r == SENT) {
                return SENT;
            }
            if (r != CLOSED) {
                s.ring.mark(); // full: seal it, later sends go to the next segment
            }
            Segment<T> n = s.next;
            if (n == null) {
                if (closed) {
                    // The closer is sealing segments: link nothing new. Our segment is sealed and
                    // last, so END goes right after it; linking it ourselves (as the closer would)
                    // makes isClosed() true before this send reports CLOSED.
                    NEXT.compareAndSet(s, null, end());
                    return CLOSED;
                }
                Segment<T> fresh = new Segment<>(SEGMENT);
                @SuppressWarnings("unchecked")
                Segment<T> w = (Segment<T>) NEXT.compareAndExchange(s, null, fresh);
                n = w == null ? fresh : w;
            }
            if (n == END) {
                return CLOSED;
            }
            TAIL_SEG.compareAndSet(this, s, n);
        }
    }

    @Override
    @Nullable
    T poll() {
        for (; ; ) {
            Segment<T> s = headSegment;
            T e = s.ring.poll();
            if (e != null) {
                return e;
            }
            if (!s.ring.isDrained()) {
                return null; // open and empty
            }
            Segment<T> n = s.next;
            if (n == null || n == END) {
                return null; // the next segment is being linked, or the channel is finished
            }
            HEAD_SEG.compareAndSet(this, s, n);
        }
    }

    @Override
    SendStatus reserveSlots(int n) {
        return isClosed() ? CLOSED : SENT; // room is unlimited
    }

    @Override
    SendStatus offerReserved(T element) {
        return offer(element); // never FULL
    }

    @Override
    void releaseSlots(int n) {
        // nothing is counted
    }

    @Override
    boolean markClosed() {
        if (!CLOSED_FLAG.compareAndSet(this, false, true)) {
            return false;
        }
        Segment<T> s = tailSegment;
        for (; ; ) {
            s.ring.mark();
            @SuppressWarnings("unchecked")
            Segment<T> n = (Segment<T>) NEXT.compareAndExchange(s, null, end());
            if (n == null || n == END) {
                return true;
            }
            s = n;
        }
    }

    /**
     * Closed once {@code END} is linked: only then is every segment sealed, so only then does every
     * send fail. (The flag alone goes up before the closer's walk, while sends still land.)
     */
    @Override
    public boolean isClosed() {
        if (!closed) {
            return false;
        }
        for (Segment<T> s = tailSegment; ; ) {
            Segment<T> n = s.next;
            if (n == END) {
                return true;
            }
            if (n == null) {
                return false;
            }
            s = n;
        }
    }

    @Override
    boolean isDrained() {
        if (!closed) {
            return false;
        }
        for (Segment<T> s = headSegment; ; ) {
            if (!s.ring.isDrained()) {
                return false;
            }
            Segment<T> n = s.next;
            if (n == END) {
                return true;
            }
            if (n == null) {
                return false; // the closer has not finished its walk yet
            }
            s = n;
        }
    }

    @Override
    public int capacity() {
        return Channel.UNBOUNDED;
    }

    @Override
    public int size() {
        if (buffersDiscarded()) {
            return 0;
        }
        long total = 0;
        for (Segment<T> s = headSegment; s != null && s != END; s = s.next) {
            total += s.ring.size();
        }
        return (int) Math.min(total, Integer.MAX_VALUE);
    }

    @Override
    void discardBuffered() {
        while (poll() != null) {
            // drop: no receiver is left
        }
    }
}
