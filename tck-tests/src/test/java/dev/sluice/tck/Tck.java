package dev.sluice.tck;

import dev.sluice.channel.testing.ChannelFlavor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.reactivestreams.tck.TestEnvironment;

/** Settings shared by every verification class. */
final class Tck {
    private Tck() {}

    /** How long the TCK waits for a signal it expects (also the poll timeout, see {@link #env()}). */
    static long timeoutMillis() {
        return Long.getLong("sluice.tck.timeoutMillis", 500L);
    }

    /** How long the TCK waits to be sure a signal does not come. */
    static long noSignalsTimeoutMillis() {
        return Long.getLong("sluice.tck.noSignalsTimeoutMillis", 100L);
    }

    /** How long after a cancel the publisher must have dropped its subscriber (§3.13). */
    static long gcTimeoutMillis() {
        return Long.getLong("sluice.tck.gcTimeoutMillis", 200L);
    }

    /**
     * A TCK environment. The poll timeout equals the default timeout on purpose: in TCK 1.0.4 {@code
     * TestEnvironment.expectError(..., totalTimeout, pollTimeout)} mis-computes the time left when
     * the poll timeout is shorter, and can give up before the error arrives.
     */
    static TestEnvironment env() {
        long timeout = timeoutMillis();
        return new TestEnvironment(timeout, noSignalsTimeoutMillis(), timeout);
    }

    /** The executor the TCK's helper publishers emit on; one per verification class. */
    static ExecutorService helperExecutor(String owner) {
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "tck-helper-" + owner + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * The capacity the publisher and subscriber verifications use. Small, so that producers really
     * wait for demand (rule R1) and a subscribed sender really runs out of reserved slots (rule R4);
     * for DROP_OLDEST large enough that no TCK test that counts elements sees a drop (a drop is the
     * flavor's documented behavior, but the TCK expects every element it asked for).
     */
    static int capacity(ChannelFlavor flavor) {
        return flavor == ChannelFlavor.DROP_OLDEST ? 64 : 4;
    }
}
