package dev.sluice.channel.chaos;

import dev.sluice.channel.Channel;
import dev.sluice.channel.chaos.ChaosLedger.LongLog;
import dev.sluice.channel.chaos.ChaosLedger.Outcomes;
import dev.sluice.channel.chaos.ChaosLedger.ReceiveLog;
import dev.sluice.channel.chaos.ChaosLedger.Verdict;
import dev.sluice.channel.chaos.ChaosLedger.Window;
import dev.sluice.channel.chaos.ChaosStats.Count;
import dev.sluice.channel.chaos.ChaosWorker.Shared;
import dev.sluice.channel.testing.TestThreads;
import dev.sluice.channel.testing.TestThreads.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Runs one chaos round: builds the channel of its {@link ChaosPlan}, hands each producer and
 * consumer thread its own cloned handle (the first handles are then closed, so the workers' handles
 * are all there is), starts a monkey that interrupts workers at random, watches for a hang, and
 * finally checks the {@link ChaosLedger} and the channel's end state.
 *
 * <p>The watchdog does not guess a duration: it fails the round when no worker made progress for
 * the stall limit, dumping every thread's stack first (and what each parked thread is parked on), or
 * when a worker failed and the others did not finish within a grace period after it.
 */
final class ChaosRound {

    private ChaosRound() {}

    /** What a finished round reports. */
    record Result(ChaosPlan plan, Verdict verdict, ChaosStats stats, long nanos) {}

    /** How long the others may take to finish after one worker failed. */
    private static final Duration GRACE = Duration.ofSeconds(10);

    /**
     * Runs the round; fails with an {@link AssertionError} whose message starts with {@code context}
     * (which tells how to replay it) if anything was lost, duplicated, out of order, invented, or if
     * the round hung.
     */
    static Result run(ChaosPlan plan, Duration stallLimit, String context) {
        long t0 = System.nanoTime();
        DropLogs drops = new DropLogs();
        Channel<Long> ch = plan.variant().create(drops);
        Shared shared = new Shared(plan, ch);
        boolean sp = plan.variant().flavor().singleProducer();
        boolean sc = plan.variant().flavor().singleConsumer();

        List<ChaosProducer> producers = new ArrayList<>();
        for (int p = 0; p < plan.producers(); p++) {
            producers.add(
                    new ChaosProducer(shared, p, sp ? ch.sender() : ch.sender().clone()));
        }
        List<ChaosConsumer> consumers = new CopyOnWriteArrayList<>();
        for (int c = 0; c < plan.consumers(); c++) {
            consumers.add(new ChaosConsumer(
                    shared, c, sc ? ch.receiver() : ch.receiver().clone(), consumers));
        }
        if (!sp) {
            ch.sender().close(); // the producers' clones are now every sender there is
        }
        if (!sc) {
            ch.receiver().close();
        }

        int workers = producers.size() + consumers.size();
        CountDownLatch done = new CountDownLatch(workers);
        Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<Worker<Outcomes>> producerThreads = new ArrayList<>();
        List<Worker<ReceiveLog>> consumerThreads = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        List<ChaosWorker> all = new ArrayList<>(producers);
        all.addAll(consumers);
        for (ChaosConsumer c : consumers) {
            consumerThreads.add(TestThreads.call("chaos-consumer-" + c.id, () -> watched(c::run, done, failures)));
            threads.add(consumerThreads.get(consumerThreads.size() - 1).thread());
        }
        for (ChaosProducer p : producers) {
            producerThreads.add(TestThreads.call("chaos-producer-" + p.id, () -> watched(p::run, done, failures)));
            threads.add(producerThreads.get(producerThreads.size() - 1).thread());
        }
        ChaosStats monkeyStats = new ChaosStats();
        Worker<Void> monkey = TestThreads.run("chaos-monkey", () -> monkey(plan, shared, threads, done, monkeyStats));

        watch(shared, all, done, failures, stallLimit, context, ch, threads);
        monkey.join();

        List<Outcomes> outcomes = new ArrayList<>();
        List<ReceiveLog> logs = new ArrayList<>();
        ChaosStats stats = new ChaosStats().addAll(monkeyStats);
        for (int i = 0; i < producers.size(); i++) {
            outcomes.add(join(producerThreads.get(i), context));
            stats.addAll(producers.get(i).stats);
        }
        for (int i = 0; i < consumers.size(); i++) {
            logs.add(join(consumerThreads.get(i), context));
            stats.addAll(consumers.get(i).stats);
        }

        Window window = window(shared, consumers, context);
        Verdict verdict = ChaosLedger.verify(outcomes.toArray(new Outcomes[0]), logs, drops.logs(), window);
        List<String> problems = new ArrayList<>(verdict.problems());
        if (ch.droppedCount() != verdict.dropped()) {
            problems.add("droppedCount() is " + ch.droppedCount() + " but onDrop saw " + verdict.dropped());
        }
        if (!plan.variant().drops() && verdict.dropped() != 0) {
            problems.add("a channel that waits when full dropped " + verdict.dropped() + " element(s)");
        }
        if (!ch.isClosed()) {
            problems.add("the channel is still open after every handle closed");
        }
        if (ch.size() != 0) {
            problems.add("the channel still holds " + ch.size() + " element(s) after the round");
        }
        if (ch.senderCount() != 0 || ch.receiverCount() != 0) {
            problems.add("handles left: " + ch.senderCount() + " sender(s), " + ch.receiverCount() + " receiver(s)");
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(context + "\n  " + verdict.summary() + "\n  " + String.join("\n  ", problems));
        }
        return new Result(plan, verdict, stats, System.nanoTime() - t0);
    }

    /** Runs a worker's body, recording its failure for the watchdog and counting it done either way. */
    private static <R> R watched(TestThreads.Body<R> body, CountDownLatch done, Queue<Throwable> failures)
            throws Exception {
        try {
            return body.call();
        } catch (Throwable t) {
            if (!(t instanceof ChaosWorker.Aborted)) {
                failures.add(t);
            }
            throw t;
        } finally {
            done.countDown();
        }
    }

    private static <R> R join(Worker<R> worker, String context) {
        try {
            return worker.join(); // done already: the watchdog saw every worker finish
        } catch (AssertionError e) {
            throw new AssertionError(context + "\n  " + e.getMessage(), e.getCause() != null ? e.getCause() : e);
        }
    }

    /** The closing event the ledger classifies upstream elements against. */
    private static Window window(Shared shared, List<ChaosConsumer> consumers, String context) {
        switch (shared.plan.ending()) {
            case FAIL:
                if (shared.windowEnd == Long.MAX_VALUE) {
                    throw new AssertionError(context + "\n  the failer never failed the channel");
                }
                return new Window(shared.windowStart, shared.windowEnd);
            case RECEIVERS_LEAVE:
                if (!shared.leave) {
                    return Window.NONE; // the senders finished before the receivers were to leave
                }
                long end = consumers.stream().mapToLong(c -> c.closedTick).max().orElseThrow();
                return new Window(shared.windowStart, end);
            default:
                return Window.NONE;
        }
    }

    /**
     * Interrupts a random worker now and then, until every worker is done: mostly one that is parked
     * (inside a channel operation, usually), sometimes one that is running (its next blocking call
     * then meets the interrupt at once).
     */
    private static void monkey(
            ChaosPlan plan, Shared shared, List<Thread> threads, CountDownLatch done, ChaosStats stats)
            throws InterruptedException {
        SplittableRandom rng = new SplittableRandom(plan.monkeySeed());
        while (!shared.aborted) {
            long pause = 100_000L + rng.nextInt(1_900_000);
            int victim = rng.nextInt(threads.size());
            boolean hit = plan.interruptOneIn() != 0 && rng.nextInt(plan.interruptOneIn()) == 0;
            boolean evenRunning = rng.nextInt(4) == 0;
            if (done.await(pause, TimeUnit.NANOSECONDS)) {
                return; // the latch doubles as the monkey's clock: it stops as soon as the workers do
            }
            Thread.State state = threads.get(victim).getState();
            boolean parked = state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
            if (hit && (parked || evenRunning)) {
                threads.get(victim).interrupt();
                stats.add(Count.INTERRUPTS);
            }
        }
    }

    /**
     * Waits for every worker; fails with a thread dump if none made progress for {@code stallLimit},
     * or if one failed and the rest did not finish within {@link #GRACE}.
     */
    private static void watch(
            Shared shared,
            List<ChaosWorker> workers,
            CountDownLatch done,
            Queue<Throwable> failures,
            Duration stallLimit,
            String context,
            Channel<Long> ch,
            List<Thread> threads) {
        long lastProgress = -1;
        long lastChange = System.nanoTime();
        long failedAt = 0;
        try {
            while (!done.await(50, TimeUnit.MILLISECONDS)) {
                long now = System.nanoTime();
                long progress = workers.stream().mapToLong(w -> w.progress).sum();
                if (progress != lastProgress) {
                    lastProgress = progress;
                    lastChange = now;
                }
                String hang = null;
                if (now - lastChange > stallLimit.toNanos()) {
                    hang = "no worker made progress for " + stallLimit.toSeconds() + " s: a hang";
                } else if (!failures.isEmpty()) {
                    if (failedAt == 0) {
                        failedAt = now;
                    } else if (now - failedAt > GRACE.toNanos()) {
                        hang = "a worker failed and the others did not finish within " + GRACE.toSeconds() + " s";
                    }
                }
                if (hang != null) {
                    String dump = threadDump();
                    String state = ch + "; progress by worker: "
                            + Arrays.toString(
                                    workers.stream().mapToLong(w -> w.progress).toArray());
                    shared.aborted = true;
                    threads.forEach(Thread::interrupt);
                    AssertionError error = new AssertionError(context + "\n  " + hang + "\n  " + state + "\n" + dump);
                    failures.forEach(error::addSuppressed);
                    throw error;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(context + ": interrupted while watching the round", e);
        }
    }

    /** Every live thread's state, what it is parked on, and its stack. */
    static String threadDump() {
        StringBuilder b = new StringBuilder("thread dump:\n");
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            b.append('"').append(thread.getName()).append("\" ").append(thread.getState());
            Object blocker = LockSupport.getBlocker(thread);
            if (blocker != null) {
                b.append(" parked on ")
                        .append(blocker.getClass().getName())
                        .append('@')
                        .append(Integer.toHexString(System.identityHashCode(blocker)));
            }
            b.append('\n');
            for (StackTraceElement frame : stack) {
                b.append("\tat ").append(frame).append('\n');
            }
        });
        return b.toString();
    }

    /** The {@code onDrop} callback: each thread that drops records into its own log. */
    static final class DropLogs implements Consumer<Long> {
        private final ThreadLocal<LongLog> mine = ThreadLocal.withInitial(this::newLog);
        private final Queue<LongLog> all = new ConcurrentLinkedQueue<>();

        private LongLog newLog() {
            LongLog log = new LongLog();
            all.add(log);
            return log;
        }

        @Override
        public void accept(Long dropped) {
            mine.get().add(dropped);
        }

        /** Every log; read after the dropping threads finished. */
        List<LongLog> logs() {
            return new ArrayList<>(all);
        }
    }
}
