package dev.sluice.channel.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Elements a channel accepted but will never deliver (docs/design.md, S17): dropped by an overflow
 * policy (counted in {@code droppedCount()}), or discarded because no receiver is left to take them.
 * Each goes to the builder's {@code onUndeliveredElement} hook, so resources held by elements can be
 * released; a failing hook is reported and changes nothing.
 *
 * @param <T> the element type
 */
final class Undelivered<T> {
    private static final VarHandle DROPPED;

    static {
        try {
            DROPPED = MethodHandles.lookup().findVarHandle(Undelivered.class, "dropped", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final @Nullable Consumer<? super T> hook;
    private volatile long dropped;

    Undelivered(@Nullable Consumer<? super T> hook) {
        this.hook = hook;
    }

    /** An element an overflow policy dropped: counted, then handed to the hook. */
    void dropped(T element) {
        DROPPED.getAndAdd(this, 1L);
        discarded(element);
    }

    /** An element that can never be received: handed to the hook. */
    void discarded(T element) {
        if (hook != null) {
            try {
                hook.accept(element);
            } catch (Throwable t) {
                Failures.report(t);
            }
        }
    }

    long droppedCount() {
        return dropped;
    }
}
