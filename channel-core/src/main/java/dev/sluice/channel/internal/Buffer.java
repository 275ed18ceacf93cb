package dev.sluice.channel.internal;

import dev.sluice.channel.SendStatus;
import org.jspecify.annotations.Nullable;

/**
 * The data structure of a buffered flavor: a FIFO with a closed mark and reservable slots. It never
 * waits and never wakes anyone; {@link BufferedChannel} does that around it. Implementations:
 * {@link ArrayRing} (many producers and consumers), {@link SpscRing}, {@link LinkedBuffer}
 * (unbounded) and {@link LockedRing} (the one that can evict, for {@code DROP_OLDEST}).
 *
 * <p>The mark is the linearization point of closing: a send either claims its position before the
 * mark (and is drained) or fails after it.
 *
 * @param <E> the element type
 */
interface Buffer<E> {

    /** SENT, FULL, or CLOSED (marked). */
    SendStatus offer(E element);

    /** The oldest element, or {@code null} if none is buffered. */
    @Nullable
    E poll();

    /** Reserves {@code n} slots: SENT, FULL or CLOSED. */
    SendStatus reserve(int n);

    /** Fills a reserved slot: SENT, or CLOSED (the caller releases the slot). */
    SendStatus offerReserved(E element);

    /** Gives back {@code n} reserved slots. */
    void release(int n);

    /** Sets the mark; {@code true} if this call set it. */
    boolean mark();

    boolean isMarked();

    /** Marked, and every accepted element was taken. */
    boolean isDrained();

    /** The buffered elements, a snapshot (at most the capacity). */
    int size();

    /** The slots neither buffered nor reserved, a snapshot. */
    int free();

    int capacity();
}
