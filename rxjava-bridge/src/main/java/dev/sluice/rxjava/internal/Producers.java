package dev.sluice.rxjava.internal;

import dev.sluice.channel.spi.VirtualThreads;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.schedulers.Schedulers;

/** Where {@code ChannelFlowable.produce} runs its blocking producer. */
public final class Producers {
    private Producers() {}

    /** Runs {@code task} on a virtual thread where the JDK has them, else on {@code Schedulers.io()}. */
    public static void start(Runnable task) {
        if (!VirtualThreads.tryStart(task)) {
            start(Schedulers.io(), task);
        }
    }

    /** Runs {@code task} on {@code scheduler} (a scheduler that may block: it will, in {@code send}). */
    public static void start(Scheduler scheduler, Runnable task) {
        scheduler.scheduleDirect(task);
    }
}
