package dev.sluice.channel.internal;

import dev.sluice.channel.SendStatus;
import java.util.function.Consumer;

/**
 * A {@link Buffer} that can make room by evicting its oldest element, atomically with the send that
 * needs the room ({@code Overflow.DROP_OLDEST}): no receive sees the channel emptier than it was, and
 * no send that is refused (closed) has evicted anything.
 *
 * @param <E> the element type
 */
interface EvictingBuffer<E> extends Buffer<E> {

    /**
     * Offers {@code element}, evicting the oldest buffered elements (each handed to {@code evicted})
     * if the buffer is full: SENT, CLOSED (nothing evicted), or FULL if permits hold every slot so
     * there is nothing to evict.
     */
    SendStatus offerEvicting(E element, Consumer<? super E> evicted);
}
