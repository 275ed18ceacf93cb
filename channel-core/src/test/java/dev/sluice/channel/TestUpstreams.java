package dev.sluice.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.channel.testing.TestThreads;
import dev.sluice.channel.testing.TestThreads.Worker;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Hand-written upstreams for feeding a {@link Sender} (or a {@link Channel} as processor): each is
 * both the {@link Subscription} it hands out and a record of what was asked of it. Elements are the
 * integers {@code 0, 1, 2, ...} in order.
 *
 * <ul>
 *   <li>{@link Manual}: emits only when the test calls {@link Manual#emit}, which first checks that
 *       the element was requested (an upstream that never breaks §1.1);
 *   <li>{@link OnDemand}: emits synchronously inside {@code request}, on the requesting thread,
 *       without recursing when {@code onNext} requests again;
 *   <li>{@link OwnThread}: emits from its own thread as fast as it is asked.
 * </ul>
 */
final class TestUpstreams {

    private TestUpstreams() {}

    /** What every test upstream counts. */
    abstract static class Counting implements Subscription {
        private final AtomicLong requested = new AtomicLong();
        private final AtomicInteger requestCalls = new AtomicInteger();
        private final AtomicInteger cancels = new AtomicInteger();
        private final CountDownLatch cancelled = new CountDownLatch(1);
        private final AtomicInteger started = new AtomicInteger();
        private final AtomicInteger finished = new AtomicInteger();
        private final AtomicLong maxOnNextNanos = new AtomicLong();
        private final AtomicLong badRequest = new AtomicLong();
        volatile Subscriber<? super Integer> downstream;

        @Override
        public void request(long n) {
            if (n <= 0) {
                badRequest.compareAndSet(0, n == 0 ? Long.MIN_VALUE : n);
                return;
            }
            requestCalls.incrementAndGet();
            requested.accumulateAndGet(n, (r, add) -> r + add < 0 ? Long.MAX_VALUE : r + add);
            demandAdded();
        }

        @Override
        public void cancel() {
            cancels.incrementAndGet();
            cancelled.countDown();
            demandAdded(); // lets an emitting thread see the cancel
        }

        /** Called after {@code request} or {@code cancel} changed the counters. */
        abstract void demandAdded();

        /** Delivers element {@code value}, counting before and after and timing the call. */
        final void deliver(int value) {
            started.incrementAndGet();
            long t0 = System.nanoTime();
            downstream.onNext(value);
            long took = System.nanoTime() - t0;
            maxOnNextNanos.accumulateAndGet(took, Math::max);
            finished.incrementAndGet();
        }

        /** The total demand signalled by the subscriber. */
        long requested() {
            return requested.get();
        }

        int requestCalls() {
            return requestCalls.get();
        }

        int cancels() {
            return cancels.get();
        }

        boolean isCancelled() {
            return cancels.get() > 0;
        }

        /**
         * Waits up to {@code guard} for {@code cancel()}: use a short guard where the cancel should
         * follow at once (it runs on the thread that closed the channel), so that a missing cancel
         * fails the test quickly.
         */
        void awaitCancelled(Duration guard) {
            boolean arrived;
            try {
                arrived = cancelled.await(guard.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            assertThat(arrived)
                    .as(
                            "the upstream was cancelled within %s (requested %d, emitted %d)",
                            guard, requested(), started())
                    .isTrue();
        }

        /** Elements whose {@code onNext} has started (counted just before the call). */
        int started() {
            return started.get();
        }

        /** Elements whose {@code onNext} has returned. */
        int finished() {
            return finished.get();
        }

        /** Requested but not yet emitted. */
        long outstanding() {
            return requested() - started();
        }

        /** The longest a single {@code onNext} call took. */
        long maxOnNextNanos() {
            return maxOnNextNanos.get();
        }

        /** The subscriber never made a non-positive request. */
        void assertNoBadRequest() {
            assertThat(badRequest.get()).as("a non-positive request(n) (§3.9)").isZero();
        }

        void subscribeWith(Subscriber<? super Integer> subscriber) {
            downstream = subscriber;
            subscriber.onSubscribe(this);
        }
    }

    /** An upstream the test drives element by element. */
    static final class Manual extends Counting {
        private int next;

        @Override
        void demandAdded() {}

        /**
         * Emits the next {@code count} elements, checking before each that it was requested (so a
         * test using it never breaks §1.1 itself). Call from one thread at a time.
         */
        void emit(int count) {
            for (int i = 0; i < count; i++) {
                assertThat(outstanding())
                        .as("demand for element %d (requested %d)", next, requested())
                        .isPositive();
                deliver(next++);
            }
        }

        /** Emits everything requested so far; returns how many. */
        int emitAllRequested() {
            long n = outstanding();
            emit((int) n);
            return (int) n;
        }

        /** The next element {@link #emit} would send. */
        int next() {
            return next;
        }
    }

    /**
     * Emits {@code 0 .. count-1} as they are requested, synchronously on the thread that calls {@code
     * request} (a request from inside {@code onNext} only adds demand for the loop already running),
     * and completes right after the last element if {@code complete}.
     */
    static final class OnDemand extends Counting implements Publisher<Integer> {
        private final int count;
        private final boolean complete;
        private final AtomicInteger wip = new AtomicInteger();
        private boolean done; // touched inside the loop only

        OnDemand(int count, boolean complete) {
            this.count = count;
            this.complete = complete;
        }

        /** {@code 0 .. count-1}, then {@code onComplete}. */
        OnDemand(int count) {
            this(count, true);
        }

        @Override
        public void subscribe(Subscriber<? super Integer> subscriber) {
            subscribeWith(subscriber);
        }

        @Override
        void demandAdded() {
            if (wip.getAndIncrement() != 0) {
                return;
            }
            int missed = 1;
            do {
                while (!done && !isCancelled() && started() < count && outstanding() > 0) {
                    deliver(started());
                }
                if (!done && !isCancelled() && started() == count && complete) {
                    done = true;
                    downstream.onComplete();
                }
                missed = wip.addAndGet(-missed);
            } while (missed != 0);
        }
    }

    /**
     * Emits {@code 0 .. count-1} from its own thread as fast as they are requested, then completes.
     * The thread parks while there is no demand (woken by {@code request}/{@code cancel}) and stops
     * on cancel.
     */
    static final class OwnThread extends Counting implements Publisher<Integer> {
        private final int count;
        private volatile Worker<Void> worker;
        /** Set by the emitting thread before it first looks at the demand, so no wake-up is lost. */
        private volatile Thread emitter;

        OwnThread(int count) {
            this.count = count;
        }

        @Override
        public void subscribe(Subscriber<? super Integer> subscriber) {
            subscribeWith(subscriber);
            worker = TestThreads.run("upstream", () -> {
                emitter = Thread.currentThread();
                while (started() < count) {
                    if (isCancelled()) {
                        return;
                    }
                    if (outstanding() > 0) {
                        deliver(started());
                    } else {
                        LockSupport.park(this); // request() unparks; a spurious wake-up just loops
                    }
                }
                if (!isCancelled()) {
                    downstream.onComplete();
                }
            });
        }

        @Override
        void demandAdded() {
            Thread t = emitter;
            if (t != null) {
                LockSupport.unpark(t);
            }
        }

        /** Waits for the emitting thread to finish (completion, or stop after cancel). */
        void join() {
            worker.join();
        }
    }
}
