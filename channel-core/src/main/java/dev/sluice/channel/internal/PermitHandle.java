package dev.sluice.channel.internal;

import dev.sluice.channel.Permit;
import dev.sluice.channel.SendStatus;

/**
 * Reserved slots of one producer. Not thread-safe by design: a permit belongs to one thread.
 *
 * <p>As in tokio, a permit holds its sender's place (docs/design.md S9): it holds the sending side
 * open in the {@link HandleCounter} until it is closed or its last slot is used, so closing the last sender
 * handle does not close the channel under slots that were promised. Only {@code fail} or the last
 * receiver leaving can refuse a permit's element.
 *
 * @param <T> the element type
 */
final class PermitHandle<T> implements Permit<T> {
    private final ChannelCore<T> core;
    private final SlotFlavor<T> slots;
    private int remaining;
    private boolean closed;
    /** Whether this permit still holds the sending side open (until closed or used up). */
    private boolean holding = true;

    private PermitHandle(ChannelCore<T> core, SlotFlavor<T> slots, int reserved) {
        this.core = core;
        this.slots = slots;
        this.remaining = reserved;
    }

    /**
     * A permit for {@code reserved} slots just reserved by an open sender handle. The handle is open,
     * so the sending side is held and the permit's hold is granted.
     */
    static <T> PermitHandle<T> holding(ChannelCore<T> core, SlotFlavor<T> slots, int reserved) {
        if (!core.handles.acquirePermit()) {
            slots.releaseReserved(reserved); // cannot happen while the reserving handle is open
            throw core.close.closedForSending();
        }
        return new PermitHandle<>(core, slots, reserved);
    }

    @Override
    public void send(T element) {
        Checks.element(element);
        if (closed) {
            throw new IllegalStateException("this permit is closed");
        }
        if (remaining == 0) {
            throw new IllegalStateException("this permit has no reserved slot left");
        }
        remaining--;
        SendStatus s = slots.sendReserved(element);
        if (remaining == 0) {
            releaseHold(); // the last slot is used: the permit no longer holds the channel open
        }
        if (s == SendStatus.CLOSED) {
            throw core.close.closedForSending(); // the slot went back; the element stays the caller's
        }
    }

    @Override
    public int remaining() {
        return remaining;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            int unused = remaining;
            remaining = 0;
            if (unused > 0) {
                slots.releaseReserved(unused);
            }
            releaseHold();
        }
    }

    private void releaseHold() {
        if (holding) {
            holding = false;
            if (core.handles.releasePermit()) {
                core.sendersGone();
            }
        }
    }

    @Override
    public String toString() {
        return "Permit[remaining=" + remaining + (closed ? ", closed" : "") + "]";
    }
}
