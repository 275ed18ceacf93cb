package dev.sluice.channel.internal;

import dev.sluice.channel.Permit;
import dev.sluice.channel.SendStatus;

/**
 * Reserved slots of one producer. Not thread-safe by design: a permit belongs to one thread.
 *
 * @param <T> the element type
 */
final class PermitHandle<T> implements Permit<T> {
    private final ChannelCore<T> core;
    private int remaining;
    private boolean closed;

    PermitHandle(ChannelCore<T> core, int slots) {
        this.core = core;
        this.remaining = slots;
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
        if (core.sendReserved(element) == SendStatus.CLOSED) {
            throw core.closedForSending(); // the core returned the slot
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
                core.releaseReserved(unused);
            }
        }
    }

    @Override
    public String toString() {
        return "Permit[remaining=" + remaining + (closed ? ", closed" : "") + "]";
    }
}
