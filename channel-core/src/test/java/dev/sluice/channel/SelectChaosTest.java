package dev.sluice.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.channel.testing.ChaosSeed;
import dev.sluice.channel.testing.TestThreads;
import dev.sluice.channel.testing.TestThreads.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Randomized rounds of selects (S14, S15): producers sending with plain sends or with selects over
 * two channels' send clauses, consumers selecting over every channel, with random timeouts on both
 * sides, random interrupts of the consumers, and rounds where a producer fails a channel. Every
 * element whose send was accepted (a send that returned, a send clause that fired) is received
 * exactly once, and nothing else is. The seed is printed; replay with {@code -Dsluice.chaos.seed}.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class SelectChaosTest {
    private static final int ROUNDS = Integer.getInteger("sluice.chaos.selectRounds", 40);

    @Test
    void randomRoundsOfSelectsLoseNothingAndDuplicateNothing() throws Exception {
        long seed = ChaosSeed.of("select-chaos");
        SplittableRandom rng = new SplittableRandom(seed);
        long total = 0;
        for (int round = 0; round < ROUNDS; round++) {
            total += round(rng.split(), "round " + round + " of seed " + seed);
        }
        System.out.println("[select-chaos] " + ROUNDS + " rounds, " + total + " elements received exactly once");
        assertThat(total).isPositive();
    }

    private static long round(SplittableRandom rng, String context) throws Exception {
        List<Channel<Long>> channels =
                List.of(Channel.bounded(1 + rng.nextInt(4)), Channel.rendezvous(), Channel.unbounded());
        int producers = 2 + rng.nextInt(3);
        int consumers = 2 + rng.nextInt(2);
        int each = 300 + rng.nextInt(1500);
        boolean fail = rng.nextInt(3) == 0;
        int failer = rng.nextInt(producers);
        int failAt = rng.nextInt(each);

        Set<Long> accepted = ConcurrentHashMap.newKeySet();
        List<Worker<List<Long>>> receiving = new ArrayList<>();
        for (int c = 0; c < consumers; c++) {
            List<Receiver<Long>> mine = new ArrayList<>();
            for (Channel<Long> ch : channels) {
                mine.add(ch.receiver().clone());
            }
            SplittableRandom r = rng.split();
            receiving.add(TestThreads.call("consumer", () -> consume(mine, r)));
        }
        List<Worker<Void>> sending = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            List<Sender<Long>> mine = new ArrayList<>();
            for (Channel<Long> ch : channels) {
                mine.add(ch.sender().clone());
            }
            SplittableRandom r = rng.split();
            long id = p;
            int stopAt = fail && p == failer ? failAt : -1;
            sending.add(TestThreads.run("producer", () -> produce(mine, id, each, stopAt, r, accepted)));
        }
        for (Channel<Long> ch : channels) {
            ch.sender().close();
            ch.receiver().close();
        }
        // interrupts land on the consumers while the producers run
        AtomicBoolean producing = new AtomicBoolean(true);
        SplittableRandom ir = rng.split();
        Worker<Void> interrupter = TestThreads.run("interrupter", () -> {
            while (producing.get()) {
                receiving.get(ir.nextInt(receiving.size())).interrupt();
                TestThreads.spin(ir.nextInt(20_000));
                Thread.yield();
            }
        });
        TestThreads.joinAll(sending, Duration.ofSeconds(120));
        producing.set(false);
        interrupter.join();
        Set<Long> all = new HashSet<>();
        long count = 0;
        for (Worker<List<Long>> consumer : receiving) {
            for (long v : consumer.join(Duration.ofSeconds(120))) {
                assertThat(all.add(v)).as("%s: %s received twice", context, v).isTrue();
                count++;
            }
        }
        assertThat(all).as("%s: received = accepted", context).isEqualTo(accepted);
        return count;
    }

    /** Sends {@code 0..each-1}, tagged; records what was accepted. */
    private static void produce(
            List<Sender<Long>> senders, long id, int each, int failAt, SplittableRandom rng, Set<Long> accepted)
            throws Exception {
        try {
            for (long i = 0; i < each; i++) {
                long v = id << 32 | i;
                if (i == failAt) {
                    // through a clone: fail() also closes the handle it is called on
                    senders.get(rng.nextInt(senders.size())).clone().fail(new IllegalStateException("chaos"));
                }
                Sender<Long> a = senders.get(rng.nextInt(senders.size()));
                Sender<Long> b = senders.get(rng.nextInt(senders.size()));
                Duration timeout = Duration.ofNanos(rng.nextInt(3) == 0 ? 0 : 1_000 + rng.nextInt(1_000_000));
                boolean ok;
                try {
                    switch (rng.nextInt(3)) {
                        case 0:
                            a.send(v);
                            ok = true;
                            break;
                        case 1:
                            ok = a.send(v, timeout);
                            break;
                        default:
                            Selected s = Select.create().send(a, v).send(b, v).select(timeout);
                            ok = s != null && !s.isClosed();
                    }
                } catch (ChannelClosedException closed) {
                    ok = false; // a failed channel: refused, visibly
                }
                if (ok) {
                    accepted.add(v);
                }
            }
        } finally {
            senders.forEach(Sender::close);
        }
    }

    /** Selects over every channel until all are closed and drained, through timeouts and interrupts. */
    private static List<Long> consume(List<Receiver<Long>> receivers, SplittableRandom rng) {
        List<Long> got = new ArrayList<>();
        List<Receiver<Long>> open = new ArrayList<>(receivers);
        while (!open.isEmpty()) {
            Select sel = Select.create();
            open.forEach(sel::receive);
            Selected s;
            try {
                s = rng.nextBoolean() ? sel.select() : sel.select(Duration.ofNanos(1_000 + rng.nextInt(2_000_000)));
            } catch (InterruptedException interrupted) {
                continue; // nothing was taken; keep going
            }
            if (s == null) {
                continue;
            }
            if (s.isClosed()) {
                open.remove(s.index()).close();
            } else {
                got.add(s.value());
            }
        }
        Thread.interrupted(); // a late interrupt must not leak into the harness
        return got;
    }
}
