package dev.sluice.channel.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The one place that counts sender and receiver handles. A count that reached zero never rises
 * again: a handle cannot be cloned back to life once its side of the channel is gone.
 *
 * <p>The sending side also counts outstanding permits, which hold their sender's place (see {@link
 * PermitHandle}): one word {@code [permits:32][handles:32]}, so "the last sender is gone" is one
 * atomic step whichever of the two goes last, while {@link #senders()} still reports handles only.
 */
final class HandleCounter {
    private static final long PERMIT = 1L << 32;
    private static final long HANDLES_MASK = PERMIT - 1;
    private static final VarHandle SENDING, RECEIVERS;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            SENDING = l.findVarHandle(HandleCounter.class, "sending", long.class);
            RECEIVERS = l.findVarHandle(HandleCounter.class, "receivers", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** {@code [permits:32][handles:32]}. */
    private volatile long sending = 1;

    private volatile int receivers = 1;

    /** Live sender handles. */
    int senders() {
        return (int) (sending & HANDLES_MASK);
    }

    int receivers() {
        return receivers;
    }

    /** Adds a sender handle unless the sending side is already gone. */
    boolean acquireSender() {
        return acquire(1L);
    }

    /** Adds a permit's hold on the sending side unless it is already gone. */
    boolean acquirePermit() {
        return acquire(PERMIT);
    }

    /** Removes a sender handle; {@code true} if nothing holds the sending side any more. */
    boolean releaseSender() {
        return (long) SENDING.getAndAdd(this, -1L) == 1L;
    }

    /** Removes a permit's hold; {@code true} if nothing holds the sending side any more. */
    boolean releasePermit() {
        return (long) SENDING.getAndAdd(this, -PERMIT) == PERMIT;
    }

    boolean acquireReceiver() {
        int c = receivers;
        while (c > 0) {
            int w = (int) RECEIVERS.compareAndExchange(this, c, c + 1);
            if (w == c) {
                return true;
            }
            c = w;
        }
        return false;
    }

    boolean releaseReceiver() {
        return (int) RECEIVERS.getAndAdd(this, -1) == 1;
    }

    private boolean acquire(long unit) {
        long c = sending;
        while (c != 0) {
            long w = (long) SENDING.compareAndExchange(this, c, c + unit);
            if (w == c) {
                return true;
            }
            c = w;
        }
        return false;
    }
}
