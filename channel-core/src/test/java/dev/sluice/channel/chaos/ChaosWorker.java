package dev.sluice.channel.chaos;

import dev.sluice.channel.Channel;
import dev.sluice.channel.ChannelClosedException;
import dev.sluice.channel.chaos.ChaosPlan.Ending;
import dev.sluice.channel.testing.TestThreads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * What chaos producers and consumers share: the round's shared state, a generator of their own, a
 * progress counter the watchdog reads, and the random choices both sides make the same way
 * (timeouts, async fates, slowness). Every choice draws a fixed number of values, whatever the
 * outcome of earlier operations, so the sequence of choices replays from the seed.
 */
abstract class ChaosWorker {

    /** State of one round that its workers share. */
    static final class Shared {
        final ChaosPlan plan;
        final Channel<Long> channel;
        /** The cause of an {@link Ending#FAIL} round. */
        final Throwable cause;
        /** Orders events in real time: an upstream's {@code onNext} against the closing event. */
        private final AtomicLong clock = new AtomicLong();

        volatile long windowStart = Long.MAX_VALUE;
        volatile long windowEnd = Long.MAX_VALUE;
        /** Raised (with {@link #windowStart}) when the consumers of a RECEIVERS_LEAVE round must leave. */
        volatile boolean leave;
        /** Set when the round gave up (watchdog); blocked workers then stop where they can. */
        volatile boolean aborted;

        Shared(ChaosPlan plan, Channel<Long> channel) {
            this.plan = plan;
            this.channel = channel;
            this.cause = new IllegalStateException("chaos round " + plan.seed() + ": failed on purpose");
        }

        long tick() {
            return clock.incrementAndGet();
        }

        /**
         * Checks that a {@link ChannelClosedException} seen by a send or receive is one this round
         * allows: none while the channel must stay open, and with the round's cause after a fail.
         */
        void checkClosed(ChannelClosedException closed, String where) {
            Ending ending = plan.ending();
            Throwable c = closed.getCause();
            boolean fine = ending == Ending.FAIL ? c == cause : c == null;
            if (!fine) {
                throw new AssertionError(where + " got " + closed + " with cause " + c + " in a round ending " + ending
                        + (ending == Ending.FAIL ? " (expected the cause " + cause + ")" : ""));
            }
        }

        /** For a send: only a fail or the receivers leaving may close the channel under a sender. */
        void checkClosedForSending(ChannelClosedException closed, String where) {
            if (plan.ending() == Ending.CLOSE) {
                throw new AssertionError(
                        where + " failed with " + closed + " though every sender is open and a receiver stays", closed);
            }
            checkClosed(closed, where);
        }
    }

    /** Thrown in a worker when the round was aborted, to stop it. */
    static final class Aborted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Aborted() {
            super("round aborted", null, false, false);
        }
    }

    final Shared shared;
    final int id;
    final SplittableRandom rng;
    final ChaosStats stats = new ChaosStats();
    /** Operations done; only the watchdog reads it, to tell a hang from slowness. */
    volatile long progress;

    ChaosWorker(Shared shared, int id, long seed) {
        this.shared = shared;
        this.id = id;
        this.rng = new SplittableRandom(seed);
    }

    final void progressed() {
        progress = progress + 1; // one writer
    }

    /**
     * Which API each run of a worker uses: first every API the worker may use once, in a random
     * order (so every round tries each of them early), then at random by weight: each API gets a
     * random weight and one, the worker's favourite, a large one, so workers differ in their mix.
     */
    static final class ApiMix<A extends Enum<A>> {
        private final A[] values;
        private final int[] weights;
        private final int weightSum;
        private final List<A> tour = new ArrayList<>();
        private int toured;

        ApiMix(A[] values, Predicate<A> allowed, SplittableRandom rng) {
            this.values = values;
            this.weights = new int[values.length];
            A favourite = values[rng.nextInt(values.length)];
            int sum = 0;
            for (A api : values) {
                int w = 1 + rng.nextInt(10) + (api == favourite ? 30 : 0);
                if (allowed.test(api)) {
                    weights[api.ordinal()] = w;
                    sum += w;
                    tour.add(api);
                }
            }
            this.weightSum = sum;
            for (int i = tour.size() - 1; i > 0; i--) {
                Collections.swap(tour, i, rng.nextInt(i + 1));
            }
        }

        A pick(SplittableRandom rng) {
            if (toured < tour.size()) {
                return tour.get(toured++);
            }
            int r = rng.nextInt(weightSum);
            for (A api : values) {
                r -= weights[api.ordinal()];
                if (r < 0) {
                    return api;
                }
            }
            throw new AssertionError();
        }
    }

    /** A short random timeout: zero a quarter of the time, mostly microseconds, sometimes milliseconds. */
    final Duration timeout() {
        int kind = rng.nextInt(16);
        int amount = rng.nextInt(1000);
        if (kind < 4) {
            return Duration.ZERO;
        }
        return Duration.ofNanos(kind < 14 ? amount * 250L : amount * 5_000L);
    }

    /** Now and then, a short delay to be slow; never used to wait for anything. */
    final void maybeSlow() {
        slowness(rng);
    }

    static void slowness(SplittableRandom rng) {
        int r = rng.nextInt(1 << 16);
        if ((r & 63) == 0) {
            LockSupport.parkNanos((r >>> 6) * 50L); // up to ~50 us
        }
    }

    /** What a caller does with an async operation's future right after starting it. */
    enum Fate {
        WAIT,
        CANCEL,
        OR_TIMEOUT
    }

    /** Draws the fate of an async operation and its parameter (spins before cancel, or timeout micros). */
    final Fate fate() {
        int f = rng.nextInt(8);
        return f < 6 ? Fate.WAIT : f == 6 ? Fate.CANCEL : Fate.OR_TIMEOUT;
    }

    final int fateParameter() {
        return rng.nextInt(500);
    }

    /** Applies a fate to a just-started future. */
    static void apply(CompletableFuture<?> f, Fate fate, int parameter) {
        if (fate == Fate.CANCEL) {
            TestThreads.spin(parameter * 4);
            f.cancel(false);
        } else if (fate == Fate.OR_TIMEOUT) {
            f.orTimeout(parameter, java.util.concurrent.TimeUnit.MICROSECONDS);
        }
    }

    /** How an async operation ended. */
    static final class Outcome<R> {
        final R value;
        final Throwable failure;

        Outcome(R value, Throwable failure) {
            this.value = value;
            this.failure = failure;
        }

        boolean succeeded() {
            return failure == null;
        }

        boolean withdrawn() {
            return failure instanceof CancellationException || failure instanceof TimeoutException;
        }
    }

    /** Waits (as long as it takes; the watchdog tells a hang) for a future and returns how it ended. */
    final <R> Outcome<R> outcome(CompletableFuture<R> f) {
        while (true) {
            try {
                return new Outcome<>(f.get(), null);
            } catch (InterruptedException e) {
                checkAborted(); // the monkey's interrupt: nothing to undo, keep waiting
            } catch (CancellationException e) {
                return new Outcome<>(null, e);
            } catch (ExecutionException e) {
                Throwable t = e.getCause();
                return new Outcome<>(null, t instanceof CompletionException && t.getCause() != null ? t.getCause() : t);
            }
        }
    }

    /** Waits until {@code condition} holds: spin, yield, then short parks (a poll, not a sleep). */
    final void await(BooleanSupplier condition) {
        for (int i = 0; !condition.getAsBoolean(); i++) {
            if (i < 64) {
                Thread.onSpinWait();
            } else if (i < 128) {
                Thread.yield();
            } else {
                LockSupport.parkNanos(20_000L);
                Thread.interrupted(); // the monkey's interrupt would make every park return at once
                checkAborted();
            }
        }
    }

    final void checkAborted() {
        if (shared.aborted) {
            throw new Aborted();
        }
    }

    /** Fails with the unexpected failure of an operation. */
    static AssertionError unexpected(String what, Throwable t) {
        return new AssertionError(what + " failed unexpectedly: " + t, t);
    }
}
