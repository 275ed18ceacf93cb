package dev.sluice.reactor.internal;

import dev.sluice.channel.spi.VirtualThreads;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/** Where {@code ChannelFlux.produce} runs its blocking producer. */
public final class Producers {
    private Producers() {}

    /** Runs {@code task} on a virtual thread where the JDK has them, else on {@code boundedElastic}. */
    public static void start(Runnable task) {
        if (!VirtualThreads.tryStart(task)) {
            start(Schedulers.boundedElastic(), task);
        }
    }

    /** Runs {@code task} on {@code scheduler} (a scheduler that may block: it will, in {@code send}). */
    public static void start(Scheduler scheduler, Runnable task) {
        scheduler.schedule(task);
    }
}
