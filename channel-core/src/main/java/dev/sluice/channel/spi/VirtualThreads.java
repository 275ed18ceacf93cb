package dev.sluice.channel.spi;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.jspecify.annotations.Nullable;

/**
 * Virtual threads where the JDK has them (21+), for integrations built on the Java 17 baseline: the
 * bridges run a {@link dev.sluice.channel.BlockingProducer} on one, and fall back to a scheduler of
 * their library where there are none.
 */
public final class VirtualThreads {
    /** {@code Thread.startVirtualThread(Runnable)} where the JDK has it, else {@code null}. */
    private static final @Nullable MethodHandle START = startHandle();

    private VirtualThreads() {}

    private static @Nullable MethodHandle startHandle() {
        try {
            return MethodHandles.publicLookup()
                    .findStatic(
                            Thread.class, "startVirtualThread", MethodType.methodType(Thread.class, Runnable.class));
        } catch (ReflectiveOperationException before21) {
            return null;
        }
    }

    /**
     * Whether this JDK has virtual threads.
     *
     * @return {@code true} if this JDK has virtual threads
     */
    public static boolean available() {
        return START != null;
    }

    /**
     * Starts {@code task} on a new virtual thread.
     *
     * @param task what the new virtual thread runs
     * @return {@code false}, having started nothing, where the JDK has no virtual threads
     */
    public static boolean tryStart(Runnable task) {
        MethodHandle h = START;
        if (h == null) {
            return false;
        }
        try {
            Thread started = (Thread) h.invokeExact(task);
            return started != null;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable impossible) {
            throw new IllegalStateException("could not start a virtual thread", impossible);
        }
    }
}
