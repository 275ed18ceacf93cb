package dev.sluice.channel.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The work-in-progress loop, written once: the subscription of a receiver, the upstream feed of a
 * sender and a handle's pending async operations all run their logic in {@link #pass()}, and every
 * event (a request, a cancel, a wake-up of their {@link Standing} registration, a new operation) just
 * calls {@link #drain()}.
 *
 * <p>Whoever moves {@link #wip} from 0 runs passes until it has accounted for every call made
 * meanwhile; everyone else only increments it and returns. So passes never overlap (Reactive Streams
 * §1.3, §2.7), a re-entrant call (a {@code request} from inside {@code onNext}) never recurses
 * (§3.3), and no call blocks (§3.4, §3.5): a pass only does what can be done at once.
 */
abstract class DrainLoop {
    private static final VarHandle WIP;

    static {
        try {
            WIP = MethodHandles.lookup().findVarHandle(DrainLoop.class, "wip", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile int wip;

    /** One pass: does everything that can be done now; runs again if signalled meanwhile. */
    abstract void pass();

    /** Runs the loop here, or makes the thread already running it pass once more. */
    final void drain() {
        if ((int) WIP.getAndAdd(this, 1) == 0) {
            loop(1);
        }
    }

    /**
     * Holds the loop while the caller does something no pass may overlap (a subscriber's {@code
     * onSubscribe}); {@link #releaseAndDrain()} then runs the passes that were asked for meanwhile.
     */
    final void hold() {
        WIP.getAndAdd(this, 1);
    }

    /** Ends a {@link #hold()}: runs a pass, then every pass asked for while held. */
    final void releaseAndDrain() {
        loop(1);
    }

    private void loop(int missed) {
        for (; ; ) {
            pass();
            missed = (int) WIP.getAndAdd(this, -missed) - missed;
            if (missed == 0) {
                return;
            }
        }
    }
}
