package dev.sluice.channel.internal;

import org.jspecify.annotations.Nullable;

/**
 * One channel, as its handles see it: the flavor that buffers and waits, the {@link HandleCounter},
 * the {@link CloseState}, and the {@link Undelivered} hook, composed. It owns one thing itself: the
 * order in which a close happens (docs/design.md S4, S5):
 *
 * <ol>
 *   <li>the reason is recorded ({@link CloseState}; the first one wins),
 *   <li>the flavor's mark is set: the linearization point, after which every send is refused,
 *   <li>(last receiver gone) the buffer is discarded into the undelivered hook,
 *   <li>every waiting party and close listener is woken, and sees the close.
 * </ol>
 *
 * @param <T> the element type
 */
final class ChannelCore<T> {
    final Flavor<T> flavor;
    /** The same object as {@link #flavor} when it has slots, else {@code null} (rendezvous). */
    final @Nullable SlotFlavor<T> slots;

    final HandleCounter handles = new HandleCounter();
    final CloseState close;
    final Undelivered<T> undelivered;

    ChannelCore(Flavor<T> flavor, CloseState close, Undelivered<T> undelivered) {
        this.flavor = flavor;
        this.slots = flavor instanceof SlotFlavor ? (SlotFlavor<T>) flavor : null;
        this.close = close;
        this.undelivered = undelivered;
    }

    /** The last sender handle (or permit) closed: receivers drain, then see the channel closed. */
    void sendersGone() {
        if (close.sendersGone()) {
            flavor.markClosed();
        }
        wakeEveryone();
    }

    /** The last receiver handle closed: sends fail from now on, the buffer is discarded. */
    void receiversGone() {
        close.receiversGone();
        flavor.markClosed();
        flavor.discardBuffered();
        wakeEveryone();
    }

    /** Closes for sending with a cause; {@code true} if this call closed the channel. */
    boolean fail(Throwable cause) {
        if (flavor.isClosed()) {
            return false;
        }
        if (!close.fail(cause)) {
            // Closed a moment ago (the last receiver left): its reason is recorded, its mark may not
            // be set yet. Set it here, so that no send is accepted after this answer says "closed
            // already" (a Lincheck stress run saw fail() answer false and a later trySend SENT).
            flavor.markClosed();
            return false;
        }
        boolean closedIt = flavor.markClosed();
        wakeEveryone();
        return closedIt;
    }

    private void wakeEveryone() {
        flavor.wakeAll();
        close.listeners.wakeAll();
    }

    boolean isClosed() {
        return flavor.isClosed();
    }

    int capacity() {
        return flavor.capacity();
    }

    int size() {
        return flavor.size();
    }

    @Override
    public String toString() {
        return flavor.toString();
    }
}
