package dev.sluice.channel.testing;

import static java.util.concurrent.TimeUnit.NANOSECONDS;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * Starting, joining and observing test threads without {@code Thread.sleep}: every wait is on a
 * latch, a barrier, a future or a polled condition, and every wait has a deadline that only guards
 * against a hang.
 */
public final class TestThreads {

    /** How long a test waits for something that should happen promptly before calling it a hang. */
    public static final Duration GUARD = Duration.ofSeconds(30);

    private TestThreads() {}

    /** A body that returns a result and may throw. */
    @FunctionalInterface
    public interface Body<R> {
        R call() throws Exception;
    }

    /** A body that returns nothing and may throw. */
    @FunctionalInterface
    public interface Task {
        void run() throws Exception;
    }

    /** Starts a daemon thread running {@code body}. */
    public static <R> Worker<R> call(String name, Body<R> body) {
        Worker<R> worker = new Worker<>(name, body);
        worker.thread.start();
        return worker;
    }

    /** Starts a daemon thread running {@code task}. */
    public static Worker<Void> run(String name, Task task) {
        return call(name, () -> {
            task.run();
            return null;
        });
    }

    /** A started thread and the outcome of its body. */
    public static final class Worker<R> {
        private final Thread thread;
        private final CountDownLatch done = new CountDownLatch(1);
        private volatile R result;
        private volatile Throwable failure;

        private Worker(String name, Body<R> body) {
            this.thread = new Thread(
                    () -> {
                        try {
                            result = body.call();
                        } catch (Throwable t) {
                            failure = t;
                        } finally {
                            done.countDown();
                        }
                    },
                    name);
            this.thread.setDaemon(true);
        }

        public Thread thread() {
            return thread;
        }

        public void interrupt() {
            thread.interrupt();
        }

        public boolean isDone() {
            return done.getCount() == 0;
        }

        /** Waits until the thread is parked inside the channel (see {@link #awaitBlocked(Worker)}). */
        public Worker<R> awaitBlocked() {
            TestThreads.awaitBlocked(this);
            return this;
        }

        /** Waits for the body to finish and returns its result; its failure fails the test. */
        public R join() {
            return join(GUARD);
        }

        /** As {@link #join()}, waiting up to {@code guard} instead of {@link #GUARD}. */
        public R join(Duration guard) {
            awaitDone(guard);
            if (failure != null) {
                throw new AssertionError(thread.getName() + " failed: " + failure, failure);
            }
            return result;
        }

        /** Waits for the body to finish and returns what it threw; returning normally fails the test. */
        public Throwable joinFailure() {
            awaitDone(GUARD);
            if (failure == null) {
                throw new AssertionError(thread.getName() + " returned " + result + " instead of throwing");
            }
            return failure;
        }

        private void awaitDone(Duration guard) {
            boolean finished;
            try {
                finished = done.await(guard.toNanos(), NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            if (!finished) {
                throw new AssertionError(
                        thread.getName() + " did not finish within " + guard + "; it is " + describe(thread));
            }
        }

        private String outcome() {
            return failure != null ? "threw " + failure : "returned " + result;
        }
    }

    /** Joins every worker, failing on the first failure or hang, and returns the results in order. */
    public static <R> List<R> joinAll(List<Worker<R>> workers) {
        return joinAll(workers, GUARD);
    }

    /** As {@link #joinAll(List)}, with a longer guard for long-running work. */
    public static <R> List<R> joinAll(List<Worker<R>> workers, Duration guard) {
        return workers.stream().map(worker -> worker.join(guard)).collect(Collectors.toList());
    }

    /**
     * Waits until {@code worker}'s thread is parked (WAITING or TIMED_WAITING) with a frame of the
     * channel implementation on its stack: that is, blocked in a channel operation rather than merely
     * on its way there. Fails if the body finishes instead, or after a deadline.
     */
    public static void awaitBlocked(Worker<?> worker) {
        Thread thread = worker.thread;
        long deadline = System.nanoTime() + GUARD.toNanos();
        while (true) {
            Thread.State state = thread.getState();
            if ((state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING)
                    && parkedInChannel(thread.getStackTrace())) {
                return;
            }
            if (worker.isDone()) {
                throw new AssertionError(thread.getName() + " " + worker.outcome() + " instead of blocking");
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(
                        thread.getName() + " did not block within " + GUARD + "; it is " + describe(thread));
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    private static boolean parkedInChannel(StackTraceElement[] stack) {
        return Arrays.stream(stack).anyMatch(frame -> frame.getClassName().startsWith("dev.sluice.channel.internal."));
    }

    /** Polls {@code condition} (spinning and yielding, never sleeping) until it holds; fails after a deadline. */
    public static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + GUARD.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + GUARD + " waiting until " + what);
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    /** Spins for a pseudo-random number of iterations: a cheap way to vary where a race lands. */
    public static void spin(int iterations) {
        for (int i = 0; i < iterations; i++) {
            Thread.onSpinWait();
        }
    }

    /** Awaits the latch, up to the guard; returns whether it opened. */
    public static boolean await(CountDownLatch latch) {
        try {
            return latch.await(GUARD.toNanos(), NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Awaits the latch, failing the test if it does not open within the guard. */
    public static void awaitOpen(CountDownLatch latch, String what) {
        if (!await(latch)) {
            throw new AssertionError("timed out after " + GUARD + " waiting until " + what);
        }
    }

    /** Awaits the barrier, up to the guard. */
    public static void await(CyclicBarrier barrier) throws Exception {
        barrier.await(GUARD.toNanos(), NANOSECONDS);
    }

    /** The value the stage completes with, waiting up to the guard; its failure fails the test. */
    public static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(GUARD.toNanos(), NANOSECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("stage failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("stage did not complete within " + GUARD, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** What the stage completes exceptionally with (unwrapped), waiting up to the guard. */
    public static Throwable awaitFailure(CompletionStage<?> stage) {
        try {
            Object value = stage.toCompletableFuture().get(GUARD.toNanos(), NANOSECONDS);
            throw new AssertionError("stage completed with " + value + " instead of failing");
        } catch (ExecutionException e) {
            return unwrap(e.getCause());
        } catch (CancellationException e) {
            return e;
        } catch (TimeoutException e) {
            throw new AssertionError("stage did not complete within " + GUARD, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Strips the {@link CompletionException} wrapper a dependent stage adds. */
    public static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    /** A thread's state and stack, for failure messages. */
    public static String describe(Thread thread) {
        StringBuilder text = new StringBuilder(thread.getState().toString());
        for (StackTraceElement frame : thread.getStackTrace()) {
            text.append("\n\tat ").append(frame);
        }
        return text.toString();
    }
}
