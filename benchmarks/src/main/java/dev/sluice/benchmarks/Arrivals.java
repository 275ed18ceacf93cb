package dev.sluice.benchmarks;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * What a consumer has received so far, published for the benchmark thread, which waits here for each
 * batch and checks it: a fixed-count benchmark moves exactly one batch of {@code batch} messages per
 * invocation, and fails (instead of reporting a number) if the count or the checksum of the messages
 * that arrived is not exactly the batch that was sent.
 *
 * <p>The consumer publishes running totals with {@link #publish} (volatile writes, then an unpark);
 * the benchmark thread names itself as the waiter before it looks at them, so no wake-up is lost.
 * The wait is bounded by {@link #GUARD_NANOS}: a pipeline that loses messages fails rather than
 * hanging the run. Anything that fails elsewhere (a producer, an {@code onError}) is reported with
 * {@link #fail} and ends the wait at once.
 */
final class Arrivals {

    /** How long a batch may take before the benchmark gives up on it: far beyond any sane rate. */
    static final long GUARD_NANOS = TimeUnit.MINUTES.toNanos(2);

    private final String name;
    private final int batch;
    private final long batchChecksum;

    // Written by the consumer (sum before count, so a count seen implies its sum), read by the waiter.
    private volatile long count;
    private volatile long sum;
    private volatile boolean ended;
    private volatile Throwable failure;
    private volatile Thread waiter;

    /** Batches waited for so far; touched only by the benchmark thread. */
    private long batches;

    Arrivals(String name, int batch, long batchChecksum) {
        this.name = name;
        this.batch = batch;
        this.batchChecksum = batchChecksum;
    }

    /** Consumer side: the running totals since the trial started. */
    void publish(long totalCount, long totalSum) {
        sum = totalSum;
        count = totalCount;
        LockSupport.unpark(waiter);
    }

    /** Consumer side: the stream ended normally with these totals. */
    void end(long totalCount, long totalSum) {
        sum = totalSum;
        count = totalCount;
        ended = true;
        LockSupport.unpark(waiter);
    }

    /** Any side: something failed; the waiting benchmark thread throws it. Keeps the first failure. */
    void fail(Throwable cause) {
        if (failure == null) {
            failure = cause;
        }
        LockSupport.unpark(waiter);
    }

    /** Benchmark side: waits until the consumer has one more batch, then checks count and checksum. */
    void awaitBatch() {
        batches++;
        long target = batches * batch;
        await(target, false);
        check(target);
    }

    /** Benchmark side, at tear-down: waits for the end of the stream and checks the final totals. */
    void awaitEnd() {
        long target = batches * batch;
        await(target, true);
        check(target);
    }

    private void await(long target, boolean untilEnd) {
        waiter = Thread.currentThread();
        long deadline = System.nanoTime() + GUARD_NANOS;
        while (untilEnd ? !ended : count < target) {
            Throwable cause = failure;
            if (cause != null) {
                throw new IllegalStateException(name + ": the pipeline failed", cause);
            }
            if (!untilEnd && ended) {
                throw new IllegalStateException(
                        name + ": the stream ended after " + count + " messages, expected " + target);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IllegalStateException(name + ": only " + count + " of " + target + " messages arrived in "
                        + TimeUnit.NANOSECONDS.toSeconds(GUARD_NANOS) + " s");
            }
            // woken by publish(); the time limit also re-checks failures nobody woke us for
            LockSupport.parkNanos(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(10)));
        }
        Throwable cause = failure;
        if (cause != null) {
            throw new IllegalStateException(name + ": the pipeline failed", cause);
        }
    }

    private void check(long target) {
        long c = count;
        long s = sum;
        long expectedSum = batches * batchChecksum;
        if (c != target || s != expectedSum) {
            throw new IllegalStateException(name + ": received " + c + " messages with checksum " + s + ", expected "
                    + target + " with checksum " + expectedSum);
        }
    }
}
