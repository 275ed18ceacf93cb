package dev.sluice.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.channel.Channel;
import dev.sluice.channel.ChannelClosedException;
import dev.sluice.channel.Receiver;
import dev.sluice.channel.SendStatus;
import dev.sluice.channel.Sender;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Randomized rounds through the Flux view, after channel-core's chaos test: producers sending with
 * {@code send}, {@code trySend} or {@code sendAsync}, competing consumers through the fused view
 * ({@code publishOn}, {@code limitRate}, {@code concatMap}) or the unfused one ({@code hide}), one
 * of them sometimes leaving early ({@code take}), and rounds that end by closing or by a failure.
 * Every element whose send succeeded is received exactly once, in each producer's order per consumer,
 * and nothing whose send failed is received. The run's seed is printed; replay it with {@code
 * -Dsluice.chaos.seed}.
 */
@Timeout(300)
class FluxViewChaosTest {
    private static final int ROUNDS = Integer.getInteger("sluice.chaos.rounds", 60);

    @Test
    void randomRoundsThroughTheFluxViewLoseNothingAndDuplicateNothing() throws Exception {
        long seed = Long.getLong("sluice.chaos.seed", System.nanoTime());
        System.out.println("[flux-chaos] seed " + seed + " (replay with -Dsluice.chaos.seed=" + seed + ")");
        SplittableRandom rng = new SplittableRandom(seed);
        Scheduler consumers = Schedulers.newParallel("chaos-consumer", 3);
        try {
            long total = 0;
            for (int round = 0; round < ROUNDS; round++) {
                total += round(rng.split(), consumers, "round " + round + " of seed " + seed);
            }
            System.out.println("[flux-chaos] " + ROUNDS + " rounds, " + total + " elements received exactly once");
        } finally {
            consumers.dispose();
        }
    }

    private static long round(SplittableRandom rng, Scheduler scheduler, String context) throws Exception {
        int[] capacities = {1, 16, 1000};
        int capacity = capacities[rng.nextInt(capacities.length)];
        int producers = 1 + rng.nextInt(4);
        int consumers = 1 + rng.nextInt(3);
        int each = 500 + rng.nextInt(4000);
        boolean fail = rng.nextInt(3) == 0;
        int failer = rng.nextInt(producers);
        int failAt = rng.nextInt(each);
        boolean leaver = consumers > 1 && rng.nextBoolean(); // consumer 0 leaves early; others stay

        Channel<Long> ch = Channel.bounded(capacity);
        // consumers first, so the channel always has a receiver that stays to the end
        List<ConcurrentLinkedQueue<Long>> received = new ArrayList<>();
        List<reactor.core.Disposable> subscriptions = new ArrayList<>();
        List<java.util.concurrent.CompletableFuture<Throwable>> ends = new ArrayList<>();
        for (int c = 0; c < consumers; c++) {
            Receiver<Long> rx = c == 0 ? ch.receiver() : ch.receiver().clone();
            ConcurrentLinkedQueue<Long> log = new ConcurrentLinkedQueue<>();
            received.add(log);
            Flux<Long> view = ChannelFlux.from(rx);
            switch (rng.nextInt(4)) {
                case 0:
                    view = view.publishOn(scheduler, 1 + rng.nextInt(64));
                    break;
                case 1:
                    view = view.limitRate(1 + rng.nextInt(32));
                    break;
                case 2:
                    view = view.concatMap(Flux::just, 1 + rng.nextInt(8));
                    break;
                default:
                    view = view.hide(); // unfused
            }
            if (leaver && c == 0) {
                view = view.take(1 + rng.nextInt(each));
            }
            java.util.concurrent.CompletableFuture<Throwable> end = new java.util.concurrent.CompletableFuture<>();
            ends.add(end);
            subscriptions.add(view.subscribe(log::add, end::complete, () -> end.complete(null)));
        }
        // producers: each accepted element is remembered, tagged (producer << 32 | sequence)
        List<Set<Long>> accepted = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        IllegalStateException cause = new IllegalStateException("chaos failure, " + context);
        for (int p = 0; p < producers; p++) {
            Sender<Long> tx = ch.sender().clone();
            Set<Long> mine = java.util.concurrent.ConcurrentHashMap.newKeySet();
            accepted.add(mine);
            int producer = p;
            int style = rng.nextInt(3);
            Thread t = new Thread(
                    () -> produce(tx, producer, each, style, fail && producer == failer ? failAt : -1, cause, mine));
            threads.add(t);
        }
        ch.sender().close();
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(60));
            assertThat(t.isAlive()).as("%s: a producer hung", context).isFalse();
        }
        for (int c = 0; c < consumers; c++) {
            Throwable end = ends.get(c).get(60, TimeUnit.SECONDS);
            if (!(leaver && c == 0)) {
                if (fail) {
                    assertThat(end)
                            .as("%s: consumer %d ends with the cause", context, c)
                            .isSameAs(cause);
                } else {
                    assertThat(end).as("%s: consumer %d completes", context, c).isNull();
                }
            }
        }
        // exactly once, and in each producer's order per consumer
        Set<Long> all = new HashSet<>();
        long count = 0;
        for (int c = 0; c < consumers; c++) {
            int[] next = new int[producers];
            java.util.Arrays.fill(next, -1);
            for (long v : received.get(c)) {
                assertThat(all.add(v)).as("%s: %s received twice", context, v).isTrue();
                int p = (int) (v >>> 32);
                int seq = (int) v;
                assertThat(seq)
                        .as("%s: producer %d's order at consumer %d", context, p, c)
                        .isGreaterThan(next[p]);
                next[p] = seq;
                count++;
            }
        }
        Set<Long> expected = new HashSet<>();
        accepted.forEach(expected::addAll);
        assertThat(all).as("%s: received = accepted", context).isEqualTo(expected);
        subscriptions.forEach(reactor.core.Disposable::dispose);
        return count;
    }

    private static void produce(
            Sender<Long> tx, int producer, int each, int style, int failAt, Throwable cause, Set<Long> accepted) {
        try (tx) {
            for (int seq = 0; seq < each; seq++) {
                if (seq == failAt) {
                    tx.fail(cause);
                    return;
                }
                long v = ((long) producer << 32) | seq;
                switch (style) {
                    case 0:
                        tx.send(v);
                        break;
                    case 1:
                        SendStatus s;
                        while ((s = tx.trySend(v)) == SendStatus.FULL) {
                            Thread.onSpinWait();
                        }
                        if (s == SendStatus.CLOSED) {
                            return;
                        }
                        break;
                    default:
                        tx.sendAsync(v).toCompletableFuture().get(60, TimeUnit.SECONDS);
                }
                accepted.add(v);
            }
        } catch (ChannelClosedException closed) {
            // another producer failed the channel: this send was refused
        } catch (java.util.concurrent.ExecutionException refused) {
            assertThat(refused.getCause()).isInstanceOf(ChannelClosedException.class);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
