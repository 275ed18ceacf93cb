package dev.sluice.channel.internal;

import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Closes handles that became unreachable without {@code close()}, so that a forgotten sender still
 * ends its receivers' stream and a forgotten receiver still fails its senders: the JVM's stand-in
 * for Rust's drop. The first such handle is reported at WARNING through {@link System.Logger}, the
 * rest at DEBUG (each at WARNING, with where it was created, when {@value #DEBUG_PROPERTY} is
 * {@code true}).
 */
final class LeakGuard {
    static final String DEBUG_PROPERTY = "sluice.debug.handles";

    private static final System.Logger LOG = System.getLogger("dev.sluice.channel");

    /** One daemon thread for the whole library; it only gives counts back and wakes waiters. */
    private static final Cleaner CLEANER = Cleaner.create(r -> {
        Thread t = new Thread(r, "sluice-cleaner");
        t.setDaemon(true);
        return t;
    });

    private static final AtomicLong FORGOTTEN = new AtomicLong();

    private LeakGuard() {}

    /** A new handle's share of {@code core} (with where it was created, in debug mode). */
    static HandleLease lease(ChannelCore<?> core, boolean sender) {
        return new HandleLease(core, sender, origin("the handle was created here"));
    }

    /** Where a watched object is being created, in debug mode; else {@code null}. */
    static @Nullable Throwable origin(String message) {
        // read per object, so it can be switched on in a running application
        return Boolean.getBoolean(DEBUG_PROPERTY) ? new Throwable(message) : null;
    }

    /**
     * Runs {@code onDropped} when {@code owner} becomes unreachable ({@code onDropped} must not reach
     * {@code owner}; it does nothing if {@code owner} was closed by then).
     */
    static Cleaner.Cleanable watch(Object owner, Runnable onDropped) {
        return CLEANER.register(owner, onDropped);
    }

    /** How many handles this JVM closed because they were dropped open. */
    static long forgottenCount() {
        return FORGOTTEN.get();
    }

    static void reportForgotten(String kind, ChannelCore<?> core, @Nullable Throwable origin) {
        reportForgotten("A " + kind + " handle of a " + core + " channel", origin);
    }

    /** Reports a {@code subject} ("A sender handle of a ... channel") closed because it was dropped open. */
    static void reportForgotten(String subject, @Nullable Throwable origin) {
        long n = FORGOTTEN.incrementAndGet();
        System.Logger.Level level = n == 1 || origin != null ? System.Logger.Level.WARNING : System.Logger.Level.DEBUG;
        if (!LOG.isLoggable(level)) {
            return;
        }
        String message = subject
                + " was garbage-collected without close(); Sluice closed it. Close handles (try-with-resources)"
                + " so that streams end when you are done, not when the GC runs."
                + (origin == null ? " Run with -D" + DEBUG_PROPERTY + "=true to see where each one was created." : "")
                + (n == 1 ? "" : " (" + n + " so far)");
        if (origin == null) {
            LOG.log(level, message);
        } else {
            LOG.log(level, message, origin);
        }
    }
}
