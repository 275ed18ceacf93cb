package dev.sluice.channel.internal;

import dev.sluice.channel.SendStatus;

/**
 * A flavor with slots, which can therefore be reserved ahead of sending (permits, docs/design.md S9;
 * and the upstream feed's demand, R4). A rendezvous channel has no slots and is not one of these.
 *
 * @param <T> the element type
 */
interface SlotFlavor<T> extends Flavor<T> {

    /** Reserves {@code n} free slots at once: SENT (reserved), FULL or CLOSED. */
    SendStatus tryReserve(int n);

    /**
     * Reserves {@code n} slots, waiting until the deadline.
     *
     * @return {@code true} if reserved, {@code false} if the deadline passed first
     */
    boolean reserve(int n, Deadline deadline) throws InterruptedException;

    /** Fills one reserved slot: SENT, or CLOSED (the slot is then given back). Never waits. */
    SendStatus sendReserved(T element);

    /** Gives back {@code n} reserved slots that will not be filled. */
    void releaseReserved(int n);

    /**
     * Arms {@code party} to be woken when enough room for a batch frees up ({@link #roomWanted()}
     * slots), or the channel empties or closes. The caller re-checks afterwards.
     */
    void armForRoom(Standing party);

    /** The room an upstream feed waits for before it asks for more (see UpstreamFeed). */
    int roomWanted();

    /** Free slots not held by permits (a snapshot). */
    int free();
}
