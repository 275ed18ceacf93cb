package dev.sluice.channel.internal;

import dev.sluice.channel.Readiness;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A user's readiness callback ({@code whenSendable} / {@code whenReceivable}): fires at most once.
 * Callbacks run through the {@link Trampoline}, so a callback that makes another channel ready does
 * not nest that channel's callbacks inside itself.
 */
final class OneShot extends Waiter implements Readiness {
    private static final VarHandle PASSED;

    static {
        try {
            PASSED = MethodHandles.lookup().findVarHandle(OneShot.class, "passed", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Waiters owner;
    private final Runnable callback;
    private volatile boolean passed;

    OneShot(Waiters owner, Runnable callback) {
        this.owner = owner;
        this.callback = callback;
    }

    @Override
    void signal() {
        Trampoline.run(callback);
    }

    @Override
    public boolean cancel() {
        if (withdraw()) {
            owner.remove(this);
            return true;
        }
        // Claimed: the callback runs (or ran) and the registrant will not act on it, so the wake-up
        // it carried goes to the next waiter; once, however often cancel is called.
        if (state() != IDLE && PASSED.compareAndSet(this, false, true)) {
            owner.wakeOne();
        }
        return false;
    }
}
