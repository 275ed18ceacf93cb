package dev.sluice.channel.internal;

import java.lang.invoke.VarHandle;

/** Reactive Streams demand arithmetic, written once. */
final class Demand {
    private Demand() {}

    /** Adds {@code n > 0} to a demand counter, capping at {@code Long.MAX_VALUE} (§3.17). */
    static long add(VarHandle counter, Object owner, long n) {
        for (; ; ) {
            long r = (long) counter.getVolatile(owner);
            long next = r + n < 0 ? Long.MAX_VALUE : r + n;
            if (counter.compareAndSet(owner, r, next)) {
                return next;
            }
        }
    }
}
