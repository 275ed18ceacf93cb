package dev.sluice.channel.internal;

import static dev.sluice.channel.SendStatus.CLOSED;
import static dev.sluice.channel.SendStatus.SENT;

import dev.sluice.channel.Channel;
import dev.sluice.channel.SendStatus;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.jspecify.annotations.Nullable;

abstract class LinkedPad0 {
    long p00, p01, p02, p03, p04, p05, p06, p07;
    long p08, p09, p10, p11, p12, p13, p14, p15;
}

abstract class LinkedTail extends LinkedPad0 {
    /** {@code [mark:1][position:63]}: the next position to send; producers CAS it. */
    volatile long tail;
    /** The block holding the tail position (or the one before it, while the next is installed). */
    volatile LinkedBuffer.@Nullable Block tailBlock;
}

abstract class LinkedPad1 extends LinkedTail {
    long p20, p21, p22, p23, p24, p25, p26, p27;
    long p28, p29, p30, p31, p32, p33, p34, p35;
}

abstract class LinkedHead extends LinkedPad1 {
    /** The next position to receive; consumers CAS it. */
    volatile long head;
    /** The block holding the head position (or the one before it, while the consumer moves on). */
    volatile LinkedBuffer.@Nullable Block headBlock;
}

abstract class LinkedPad2 extends LinkedHead {
    long p40, p41, p42, p43, p44, p45, p46, p47;
    long p48, p49, p50, p51, p52, p53, p54, p55;
}

/**
 * The unbounded buffer: a linked list of fixed-size blocks with global positions, after
 * crossbeam-channel's {@code flavors/list.rs} (the garbage collector frees blocks, so none of its
 * destruction protocol is needed).
 *
 * <h2>Implementation overview</h2>
 *
 * <p>Positions count up forever; position {@code p} lives in slot {@code p - start} of the block
 * whose {@code start <= p < start + }{@value #BLOCK}. Producers claim a position by CAS on {@code
 * tail}, then write the element with a release store; a slot that is not null holds its element (no
 * element is null). The producer that claims a block's last slot installs the next block ({@code
 * next}, then {@code tailBlock}) before it writes its element; producers that find the tail already
 * in the next block wait for that install. Consumers claim by CAS on {@code head} after seeing the
 * slot written; the one that takes a block's last slot moves {@code headBlock} on (the next block is
 * installed by then: it was installed before that slot was written).
 *
 * <p>Empty versus in flight, as in {@link ArrayRing}: a consumer that finds its slot not yet written
 * answers "empty" only if the tail equals its head; otherwise a producer claimed it and is about to
 * write, and the consumer waits. The closed mark is the tail's sign bit, so a close is ordered with
 * every send, and {@link #size()} is a snapshot of two positions, however many blocks they span.
 *
 * @param <E> the element type
 */
final class LinkedBuffer<E> extends LinkedPad2 implements Buffer<E> {
    /** Slots per block: a new block is allocated once per this many elements. */
    static final int BLOCK = 512;

    private static final long MARK = Long.MIN_VALUE;
    private static final VarHandle TAIL, HEAD, TAIL_BLOCK, HEAD_BLOCK, SLOTS;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            TAIL = l.findVarHandle(LinkedTail.class, "tail", long.class);
            TAIL_BLOCK = l.findVarHandle(LinkedTail.class, "tailBlock", Block.class);
            HEAD = l.findVarHandle(LinkedHead.class, "head", long.class);
            HEAD_BLOCK = l.findVarHandle(LinkedHead.class, "headBlock", Block.class);
            SLOTS = MethodHandles.arrayElementVarHandle(Object[].class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** {@value #BLOCK} consecutive positions from {@code start}. */
    static final class Block {
        final long start;
        final Object[] slots = new Object[BLOCK];
        volatile @Nullable Block next;

        Block(long start) {
            this.start = start;
        }
    }

    LinkedBuffer() {
        Block first = new Block(0L);
        // published with the channel (a final-field safe hand-off of the handles)
        this.tailBlock = first;
        this.headBlock = first;
    }

    @Override
    @SuppressWarnings("null")
    public SendStatus offer(E element) {
        Block spare = null; // preallocated next block, kept across retries
        for (int step = 0; ; ) {
            long t = (long) TAIL.getVolatile(this);
            if (t < 0) {
                return CLOSED;
            }
            Block b = (Block) TAIL_BLOCK.getVolatile(this);
            long offset = t - b.start;
            if (offset >= BLOCK) {
                Backoff.snooze(step++); // the producer of the previous slot is installing the block
                continue;
            }
            if (offset < 0) {
                continue; // our tail is older than the block we read: read both again
            }
            boolean last = offset == BLOCK - 1;
            if (last && (spare == null || spare.start != b.start + BLOCK)) {
                spare = new Block(b.start + BLOCK); // allocate before claiming, not while others wait
            }
            if (TAIL.compareAndSet(this, t, t + 1)) {
                if (last) {
                    b.next = spare;
                    TAIL_BLOCK.setVolatile(this, spare);
                }
                SLOTS.setRelease(b.slots, (int) offset, element); // publishes the element
                return SENT;
            }
        }
    }

    @Override
    @SuppressWarnings({"unchecked", "null"})
    public @Nullable E poll() {
        for (int step = 0; ; ) {
            long h = (long) HEAD.getVolatile(this);
            Block b = (Block) HEAD_BLOCK.getVolatile(this);
            long offset = h - b.start;
            if (offset >= BLOCK) {
                Backoff.snooze(step++); // the consumer of the previous slot is moving the head block on
                continue;
            }
            if (offset < 0) {
                continue; // our head is older than the block we read
            }
            Object e = SLOTS.getAcquire(b.slots, (int) offset);
            if (e == null) {
                if (((long) TAIL.getVolatile(this) & ~MARK) == h) {
                    return null; // empty: nothing claimed at h
                }
                if ((long) HEAD.getVolatile(this) == h) {
                    Backoff.snooze(step++); // claimed and being written
                }
                continue;
            }
            if (HEAD.compareAndSet(this, h, h + 1)) {
                if (offset == BLOCK - 1) {
                    HEAD_BLOCK.setVolatile(this, b.next); // installed before this slot was written
                }
                b.slots[(int) offset] = null; // for the garbage collector; no one reads it again
                return (E) e;
            }
        }
    }

    @Override
    public SendStatus reserve(int n) {
        return isMarked() ? CLOSED : SENT; // room is unlimited
    }

    @Override
    public SendStatus offerReserved(E element) {
        return offer(element); // never FULL
    }

    @Override
    public void release(int n) {
        // nothing is counted
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
    public int size() {
        for (; ; ) { // a snapshot: the tail read between two equal reads of the head (see ArrayRing)
            long h = head;
            long t = tail & ~MARK;
            if (head == h) {
                return (int) Math.min(Math.max(0L, t - h), Integer.MAX_VALUE);
            }
        }
    }

    @Override
    public int free() {
        return Channel.UNBOUNDED;
    }

    @Override
    public int capacity() {
        return Channel.UNBOUNDED;
    }
}
