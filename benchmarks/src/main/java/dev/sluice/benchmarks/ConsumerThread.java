package dev.sluice.benchmarks;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A persistent blocking consumer thread for fixed-count benchmarks, started once per trial: each
 * {@link #drain} hands it one job, which receives one batch until its source ends and adds what it
 * received to the running totals; the thread then publishes the totals to {@link Arrivals}, where
 * the benchmark thread waits. A job that throws fails the benchmark through {@link Arrivals#fail}.
 */
final class ConsumerThread {

    /** One batch's blocking receive loop. */
    interface Drain {
        void drainInto(Totals totals) throws Exception;
    }

    /** The count and the sum of the numbers of the messages received; confined to the thread. */
    static final class Totals {
        long count;
        long sum;

        void add(long count, long sum) {
            this.count += count;
            this.sum += sum;
        }
    }

    private final Semaphore go = new Semaphore(0);
    private final Thread thread;
    private volatile Drain next;

    ConsumerThread(String name, Arrivals arrivals) {
        thread = new Thread(
                () -> {
                    Totals totals = new Totals();
                    try {
                        while (true) {
                            go.acquire();
                            Drain drain = next;
                            next = null;
                            drain.drainInto(totals);
                            arrivals.publish(totals.count, totals.sum);
                        }
                    } catch (InterruptedException e) {
                        // stop() ends the thread
                    } catch (Throwable t) {
                        arrivals.fail(t);
                    }
                },
                name + "-consumer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts {@code drain} on the thread. The previous batch must have been received. */
    void drain(Drain drain) {
        next = drain; // published by the release below
        go.release();
    }

    /** Ends the thread, which is idle between batches. */
    void stop() throws InterruptedException {
        thread.interrupt();
        thread.join(TimeUnit.NANOSECONDS.toMillis(Arrivals.GUARD_NANOS));
        if (thread.isAlive()) {
            throw new IllegalStateException(thread.getName() + " did not stop");
        }
    }
}
