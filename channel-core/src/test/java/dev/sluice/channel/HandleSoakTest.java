package dev.sluice.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Creates and drops a million channels, with their handles and subscriptions, some closed and some
 * forgotten, and checks that nothing stays behind: every forgotten sender still completed its
 * subscriber, the heap returns to its baseline and no thread is left.
 */
class HandleSoakTest {

    static final int CHANNELS = Integer.getInteger("sluice.soak.channels", 1_000_000);

    /** Counts the completions of every subscription of the soak. */
    static final class Completions implements Subscriber<Integer> {
        static final AtomicLong COMPLETED = new AtomicLong();
        static final AtomicLong RECEIVED = new AtomicLong();

        @Override
        public void onSubscribe(Subscription s) {
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(Integer value) {
            RECEIVED.incrementAndGet();
        }

        @Override
        public void onError(Throwable t) {
            throw new AssertionError("no channel of the soak fails", t);
        }

        @Override
        public void onComplete() {
            COMPLETED.incrementAndGet();
        }
    }

    /** One round: which handles are closed and which are forgotten depends on {@code i}. */
    private static void round(int i) throws InterruptedException {
        switch (i % 4) {
            case 0 -> { // everything closed properly, through a subscription
                Channel<Integer> ch = Channel.bounded(4);
                ch.receiver().subscribe(new Completions());
                try (Sender<Integer> tx = ch.sender().clone()) {
                    tx.send(i);
                }
                ch.sender().close();
            }
            case 1 -> { // the senders are forgotten with a subscriber waiting: the cleaner completes it
                Channel<Integer> ch = Channel.bounded(4);
                ch.sender().clone().send(i);
                ch.receiver().subscribe(new Completions());
            }
            case 2 -> { // the receiver is forgotten after a clone was closed
                Channel<Integer> ch = Channel.unbounded();
                ch.receiver().clone().close();
                ch.sender().send(i);
                ch.sender().close();
            }
            default -> { // a rendezvous channel, both ends forgotten, nothing ever sent
                Channel<Integer> ch = Channel.rendezvous();
                ch.sender().clone();
            }
        }
    }

    private static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) { // the smallest of a few readings: a collection may lag
            System.gc();
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }

    private static Set<String> liveThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(t -> t.getName() + "#" + t.getId())
                .collect(Collectors.toSet());
    }

    @Test
    void aMillionChannelsComeAndGoWithoutATrace() throws Exception {
        Logger log = Logger.getLogger("dev.sluice.channel");
        Level saved = log.getLevel();
        log.setLevel(Level.OFF); // the soak forgets handles on purpose
        try {
            for (int i = 0; i < 10_000; i++) {
                round(i); // warms up, and starts the cleaner thread before the baseline
            }
            int warmupSubscriptionsCompleting = 10_000 / 2;
            ForgottenHandleTest.collectUntil(
                    "the warm-up's subscribers to complete",
                    () -> Completions.COMPLETED.get() == warmupSubscriptionsCompleting);
            long baselineHeap = usedHeapAfterGc();
            Set<String> baselineThreads = liveThreads();

            long start = System.nanoTime();
            for (int i = 0; i < CHANNELS; i++) {
                round(i);
            }
            long subscriptions = warmupSubscriptionsCompleting + CHANNELS / 2;
            long deadline = System.nanoTime() + java.time.Duration.ofMinutes(3).toNanos();
            while (Completions.COMPLETED.get() != subscriptions) {
                assertThat(System.nanoTime() - deadline)
                        .as("completed %d of %d subscriptions", Completions.COMPLETED.get(), subscriptions)
                        .isNegative();
                System.gc();
                java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L); // polls a condition
            }
            assertThat(Completions.RECEIVED.get()).isEqualTo(subscriptions);

            long heap = usedHeapAfterGc();
            assertThat(heap)
                    .as("heap after %d channels vs its baseline of %d bytes", CHANNELS, baselineHeap)
                    .isLessThan(baselineHeap + 16L * 1024 * 1024);
            assertThat(liveThreads()).isSubsetOf(baselineThreads);
            System.out.printf(
                    "soak: %,d channels (%,d subscriptions, %,d forgotten senders) in %.1f s; heap after GC %,d KiB"
                            + " vs baseline %,d KiB; threads %d vs baseline %d%n",
                    CHANNELS,
                    CHANNELS / 2,
                    CHANNELS / 4,
                    (System.nanoTime() - start) / 1e9,
                    heap / 1024,
                    baselineHeap / 1024,
                    liveThreads().size(),
                    baselineThreads.size());
        } finally {
            log.setLevel(saved);
        }
    }
}
