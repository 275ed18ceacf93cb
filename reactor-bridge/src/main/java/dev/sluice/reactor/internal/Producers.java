package dev.sluice.reactor.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/** Where {@code ChannelFlux.produce} runs its blocking producer. */
public final class Producers {
    /** {@code Thread.startVirtualThread(Runnable)} where the JDK has it (21+), else {@code null}. */
    private static final @Nullable MethodHandle START_VIRTUAL = startVirtual();

    private Producers() {}

    private static @Nullable MethodHandle startVirtual() {
        try {
            return MethodHandles.publicLookup()
                    .findStatic(
                            Thread.class, "startVirtualThread", MethodType.methodType(Thread.class, Runnable.class));
        } catch (ReflectiveOperationException before21) {
            return null;
        }
    }

    /** Whether this JDK has virtual threads. */
    public static boolean virtualThreads() {
        return START_VIRTUAL != null;
    }

    /** Runs {@code task} on a virtual thread where the JDK has them, else on {@code boundedElastic}. */
    public static void start(Runnable task) {
        MethodHandle h = START_VIRTUAL;
        if (h == null) {
            start(Schedulers.boundedElastic(), task);
            return;
        }
        try {
            Thread started = (Thread) h.invokeExact(task);
            assert started != null;
        } catch (Throwable impossible) {
            throw new IllegalStateException("could not start a virtual thread", impossible);
        }
    }

    /** Runs {@code task} on {@code scheduler} (a scheduler that may block: it will, in {@code send}). */
    public static void start(Scheduler scheduler, Runnable task) {
        scheduler.schedule(task);
    }
}
