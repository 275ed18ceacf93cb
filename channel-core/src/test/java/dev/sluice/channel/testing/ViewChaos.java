package dev.sluice.channel.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.channel.Channel;
import dev.sluice.channel.ChannelClosedException;
import dev.sluice.channel.Receiver;
import dev.sluice.channel.SendStatus;
import dev.sluice.channel.Sender;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Randomized rounds through a bridge's view of a receiver (Reactor's {@code Flux}, RxJava's {@code
 * Flowable}), after channel-core's chaos test: producers sending with {@code send}, {@code trySend}
 * or {@code sendAsync}, competing consumers each reading through a view the bridge's test chooses
 * (fused operators, or unfused), one of them sometimes leaving early, and rounds that end by closing
 * or by a failure. Every element whose send succeeded is received exactly once, in each producer's
 * order per consumer, and nothing whose send failed is received. The run's seed is printed; replay it
 * with {@code -Dsluice.chaos.seed}.
 */
public final class ViewChaos {
    /** How a consumer reads its receiver handle. */
    public interface Views {
        /**
         * The view of {@code rx} one consumer subscribes to, built with {@code rng}; if {@code take} is
         * positive, the view ends (and cancels) after that many elements.
         */
        Publisher<Long> view(Receiver<Long> rx, SplittableRandom rng, long take);
    }

    private ViewChaos() {}

    /** Runs {@code rounds} rounds; returns how many elements were received (each exactly once). */
    public static long run(String name, int rounds, Views views) throws Exception {
        long seed = ChaosSeed.of(name);
        SplittableRandom rng = new SplittableRandom(seed);
        long total = 0;
        for (int round = 0; round < rounds; round++) {
            total += round(rng.split(), views, "round " + round + " of seed " + seed);
        }
        System.out.println("[" + name + "] " + rounds + " rounds, " + total + " elements received exactly once");
        return total;
    }

    private static long round(SplittableRandom rng, Views views, String context) throws Exception {
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
        List<Logger> loggers = new ArrayList<>();
        for (int c = 0; c < consumers; c++) {
            Receiver<Long> rx = c == 0 ? ch.receiver() : ch.receiver().clone();
            Logger log = new Logger();
            loggers.add(log);
            views.view(rx, rng, leaver && c == 0 ? 1 + rng.nextInt(each) : 0).subscribe(log);
        }
        // producers: each accepted element is remembered, tagged (producer << 32 | sequence)
        List<Set<Long>> accepted = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        IllegalStateException cause = new IllegalStateException("chaos failure, " + context);
        for (int p = 0; p < producers; p++) {
            Sender<Long> tx = ch.sender().clone();
            Set<Long> mine = ConcurrentHashMap.newKeySet();
            accepted.add(mine);
            int producer = p;
            int style = rng.nextInt(3);
            threads.add(new Thread(
                    () -> produce(tx, producer, each, style, fail && producer == failer ? failAt : -1, cause, mine)));
        }
        ch.sender().close();
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(60));
            assertThat(t.isAlive()).as("%s: a producer hung", context).isFalse();
        }
        for (int c = 0; c < consumers; c++) {
            Throwable end = loggers.get(c).end.get(60, TimeUnit.SECONDS);
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
            Arrays.fill(next, -1);
            for (long v : loggers.get(c).received) {
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
        } catch (ExecutionException refused) {
            assertThat(refused.getCause()).isInstanceOf(ChannelClosedException.class);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** One consumer: asks for everything, logs what arrives, and how the stream ended. */
    private static final class Logger implements Subscriber<Long> {
        final ConcurrentLinkedQueue<Long> received = new ConcurrentLinkedQueue<>();
        /** Completed with {@code null} on completion, with the error on failure. */
        final CompletableFuture<Throwable> end = new CompletableFuture<>();

        @Override
        public void onSubscribe(Subscription s) {
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(Long v) {
            received.add(v);
        }

        @Override
        public void onError(Throwable t) {
            end.complete(t);
        }

        @Override
        public void onComplete() {
            end.complete(null);
        }
    }
}
