package dev.sluice.channel.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The one place that counts sender and receiver handles. A count that reached zero never rises
 * again: a handle cannot be cloned back to life once its side of the channel is gone.
 */
final class HandleCounter {
    private static final VarHandle SENDERS, RECEIVERS;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            SENDERS = l.findVarHandle(HandleCounter.class, "senders", int.class);
            RECEIVERS = l.findVarHandle(HandleCounter.class, "receivers", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile int senders = 1;
    private volatile int receivers = 1;

    int senders() {
        return senders;
    }

    int receivers() {
        return receivers;
    }

    /** Adds a sender unless the count already reached zero. */
    boolean acquireSender() {
        return acquire(SENDERS);
    }

    boolean acquireReceiver() {
        return acquire(RECEIVERS);
    }

    /** Removes a sender; {@code true} if it was the last. */
    boolean releaseSender() {
        return (int) SENDERS.getAndAdd(this, -1) == 1;
    }

    boolean releaseReceiver() {
        return (int) RECEIVERS.getAndAdd(this, -1) == 1;
    }

    private boolean acquire(VarHandle count) {
        int c = (int) count.getVolatile(this);
        while (c > 0) {
            int w = (int) count.compareAndExchange(this, c, c + 1);
            if (w == c) {
                return true;
            }
            c = w;
        }
        return false;
    }
}
