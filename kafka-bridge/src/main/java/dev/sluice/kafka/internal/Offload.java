package dev.sluice.kafka.internal;

import dev.sluice.channel.spi.VirtualThreads;
import java.util.concurrent.ForkJoinPool;

/**
 * Runs work that must not run on Kafka's network thread (a producer callback): requesting more from
 * an upstream, which may emit and so call {@code send} at once, and closing the producer. On a
 * virtual thread where the JDK has them, else on the common pool.
 */
final class Offload {
    private Offload() {}

    static void run(Runnable task) {
        if (!VirtualThreads.tryStart(task)) {
            ForkJoinPool.commonPool().execute(task);
        }
    }
}
