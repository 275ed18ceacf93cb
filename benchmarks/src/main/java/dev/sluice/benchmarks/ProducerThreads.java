package dev.sluice.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Persistent blocking producer threads for fixed-count benchmarks, started once per trial. Each
 * {@link #release()} makes every thread send its share of one batch with its own blocking call,
 * producer {@code p} of {@code P} sending messages {@code p * batch / P} up to {@code (p + 1) * batch /
 * P} of the batch (see {@link NumberedMessage#ring}); the benchmark thread meanwhile waits for the
 * consumer. Since every message of a batch is received before the next release, no thread is ever
 * left blocked in a send when an iteration ends; {@link #stop()} interrupts the idle threads.
 */
final class ProducerThreads {

    /** One producer's blocking send. */
    interface BlockingSend {
        void send(NumberedMessage message) throws InterruptedException;
    }

    private final List<Thread> threads = new ArrayList<>();
    private final List<Semaphore> go = new ArrayList<>();
    private volatile Throwable failure;

    /**
     * Starts one thread per element of {@code sends}; {@code onFailure} hears of a send that threw,
     * so that the waiting benchmark thread fails instead of waiting for messages that never come.
     */
    ProducerThreads(
            String name, List<BlockingSend> sends, NumberedMessage[] ring, int batch, Consumer<Throwable> onFailure) {
        int producers = sends.size();
        if (batch % producers != 0) {
            throw new IllegalArgumentException("a batch of " + batch + " does not split evenly over " + producers);
        }
        int share = batch / producers;
        int mask = ring.length - 1;
        for (int p = 0; p < producers; p++) {
            BlockingSend send = sends.get(p);
            Semaphore permit = new Semaphore(0);
            int from = p * share;
            Thread thread = new Thread(
                    () -> {
                        try {
                            while (true) {
                                permit.acquire();
                                for (int i = from, end = from + share; i < end; i++) {
                                    send.send(ring[i & mask]);
                                }
                            }
                        } catch (InterruptedException e) {
                            // stop() ends the thread
                        } catch (Throwable t) {
                            failure = t;
                            onFailure.accept(t);
                        }
                    },
                    name + "-producer-" + p);
            thread.setDaemon(true);
            go.add(permit);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
    }

    /** Starts one batch on every thread. Never waits. */
    void release() {
        for (Semaphore permit : go) {
            permit.release();
        }
    }

    /** Ends the threads (each idle, waiting for a release) and reports a failure one of them met. */
    void stop() throws InterruptedException {
        for (Thread thread : threads) {
            thread.interrupt();
        }
        for (Thread thread : threads) {
            thread.join(TimeUnit.NANOSECONDS.toMillis(Arrivals.GUARD_NANOS));
            if (thread.isAlive()) {
                throw new IllegalStateException(thread.getName() + " did not stop: blocked in a send?");
            }
        }
        if (failure != null) {
            throw new IllegalStateException("a producer failed", failure);
        }
    }
}
