package dev.sluice.benchmarks;

import java.util.List;
import java.util.concurrent.Phaser;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Worker threads that live for a whole trial and run their tasks once per {@link #round()}: the
 * fixed-count harness of the throughput families. The benchmark thread calls {@code round()} once
 * per invocation; it releases every worker, each runs its task (a producer's sends or a consumer's
 * receives), and {@code round()} returns when all are done. Because every task moves a fixed share,
 * nobody is left waiting in a blocking call between rounds, so plain {@code put} / {@code take}
 * can be measured as they are.
 *
 * <p>One {@link Phaser} holds the workers and the benchmark thread. Each round is two phases: the
 * start (everybody arrives; the workers wait for it) and the end (everybody arrives once the task is
 * done). A worker waits for each phase to advance before arriving again, so no arrival ever counts
 * for the wrong phase. Results written before a worker's arrival are visible to the benchmark
 * thread after the advance (the Phaser's memory-consistency guarantee).
 *
 * <p>Termination: a task that throws records the failure and terminates the phaser, which wakes the
 * benchmark thread; {@code round()} then throws it. A round that does not finish in {@link
 * #ROUND_LIMIT_SECONDS} (a lost message leaves a consumer waiting forever) throws too. {@link
 * #close()} interrupts and joins every worker, so a worker still blocked after a failure is freed.
 */
final class Crew implements AutoCloseable {

    /** One worker's share of a round. */
    @FunctionalInterface
    interface Task {
        /** Does the share; returns the sum of the digests it received (0 for a producer). */
        long run() throws Exception;
    }

    /** Longer than any sane round by orders of magnitude: past it, messages were lost. */
    static final long ROUND_LIMIT_SECONDS = 120;

    private final Phaser phaser;
    private final Thread[] threads;
    private final long[] results;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    /** Starts one worker per task, from {@code threads}; they wait for the first round. */
    Crew(List<Task> tasks, ThreadFactory threads) {
        this.phaser = new Phaser(tasks.size() + 1);
        this.threads = new Thread[tasks.size()];
        this.results = new long[tasks.size()];
        for (int i = 0; i < tasks.size(); i++) {
            Task task = tasks.get(i);
            int slot = i;
            this.threads[i] = threads.newThread(() -> work(task, slot));
        }
        for (Thread thread : this.threads) {
            thread.start();
        }
    }

    /** Daemon platform threads named {@code name-0}, {@code name-1}, ... */
    static ThreadFactory platformThreads(String name) {
        int[] next = {0};
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + next[0]++);
            thread.setDaemon(true);
            return thread;
        };
    }

    private void work(Task task, int slot) {
        try {
            while (true) {
                if (phaser.awaitAdvanceInterruptibly(phaser.arrive()) < 0) {
                    return; // terminated: another worker failed
                }
                results[slot] = task.run();
                if (phaser.awaitAdvanceInterruptibly(phaser.arrive()) < 0) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            // close() ends the worker
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
            phaser.forceTermination();
        }
    }

    /** Runs every task once and returns the sum of their results. */
    long round() throws InterruptedException {
        int start = phaser.arrive();
        check(phaser.awaitAdvanceInterruptibly(start));
        int end = phaser.arrive();
        try {
            check(phaser.awaitAdvanceInterruptibly(end, ROUND_LIMIT_SECONDS, TimeUnit.SECONDS));
        } catch (TimeoutException e) {
            throw new IllegalStateException("a round did not finish in " + ROUND_LIMIT_SECONDS
                    + " s: messages were lost, or a worker is stuck");
        }
        long sum = 0;
        for (long result : results) {
            sum += result;
        }
        return sum;
    }

    private void check(int phase) {
        if (phase < 0) {
            throw new IllegalStateException("a worker failed", failure.get());
        }
    }

    /** Interrupts and joins every worker, then reports a failure one of them met. */
    @Override
    public void close() throws InterruptedException {
        for (Thread thread : threads) {
            thread.interrupt();
        }
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(10));
            if (thread.isAlive()) {
                throw new IllegalStateException(thread + " did not stop when interrupted");
            }
        }
        Throwable failed = failure.get();
        if (failed != null) {
            throw new IllegalStateException("a worker failed", failed);
        }
    }
}
