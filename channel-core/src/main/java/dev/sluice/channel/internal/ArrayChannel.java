package dev.sluice.channel.internal;

import dev.sluice.channel.Overflow;
import dev.sluice.channel.SendStatus;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The bounded flavor for many producers and/or many consumers: one {@link ArrayRing}. Also serves
 * single-producer-many-consumer and many-producer-single-consumer channels (the ring's CAS costs
 * little when uncontended; the handle layer enforces the single side).
 *
 * @param <T> the element type
 */
final class ArrayChannel<T> extends PollingCore<T> {
    private final ArrayRing<T> ring;

    ArrayChannel(int capacity, Overflow overflow, @Nullable Consumer<? super T> onDrop) {
        super(overflow, onDrop);
        this.ring = new ArrayRing<>(capacity);
    }

    @Override
    SendStatus offer(T element) {
        return ring.offer(element);
    }

    @Override
    @Nullable
    T poll() {
        return ring.poll();
    }

    @Override
    SendStatus reserveSlots(int n) {
        return ring.reserve(n);
    }

    @Override
    SendStatus offerReserved(T element) {
        return ring.offerReserved(element);
    }

    @Override
    void releaseSlots(int n) {
        ring.release(n);
    }

    @Override
    boolean markClosed() {
        return ring.mark();
    }

    @Override
    public boolean isClosed() {
        return ring.isMarked();
    }

    @Override
    boolean isDrained() {
        return ring.isDrained();
    }

    @Override
    public int capacity() {
        return ring.capacity;
    }

    @Override
    public int size() {
        // once the last receiver left, the buffer counts as discarded with the close (S4)
        return buffersDiscarded() ? 0 : ring.size();
    }

    @Override
    void discardBuffered() {
        // Only called once no receiver handle is left, so no receive competes for these.
        while (ring.poll() != null) {
            // drop
        }
    }
}
