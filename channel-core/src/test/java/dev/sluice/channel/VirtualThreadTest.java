package dev.sluice.channel;

import static java.util.concurrent.TimeUnit.NANOSECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sluice.channel.testing.Tally;
import dev.sluice.channel.testing.TestThreads;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * S7: waiting parks with {@code LockSupport} and never pins, so 10,000 virtual-thread producers
 * blocked on one small channel all get through. The consumer is a virtual thread too: if blocked
 * producers pinned the few carrier threads, it could never run and the test would hang.
 *
 * <p>The build targets Java 17, so virtual threads are created reflectively, and the test is
 * skipped (visibly) on a JDK older than 21.
 */
class VirtualThreadTest {

    private static final int PRODUCERS = 10_000;
    private static final int PER_PRODUCER = 10;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void tenThousandVirtualThreadProducersShareOneBoundedChannel() throws Exception {
        assumeTrue(Runtime.version().feature() >= 21, "virtual threads need JDK 21+; running on " + Runtime.version());
        Channel<Long> ch = Channel.bounded(64);
        ExecutorService virtualThreads = newVirtualThreadPerTaskExecutor();
        try {
            Receiver<Long> rx = ch.receiver();
            Future<Tally.Log> consumer = virtualThreads.submit(() -> {
                try (rx) {
                    Tally.Log log = new Tally.Log(PRODUCERS);
                    while (true) {
                        try {
                            log.add(rx.recv());
                        } catch (ChannelClosedException closed) {
                            return log;
                        }
                    }
                }
            });
            List<Future<?>> producers = new ArrayList<>();
            for (int p = 0; p < PRODUCERS; p++) {
                int id = p;
                // Cloned here, before the first handle closes, so the channel stays open for all.
                Sender<Long> mine = ch.sender().clone();
                producers.add(virtualThreads.submit(() -> {
                    try (mine) {
                        for (int seq = 0; seq < PER_PRODUCER; seq++) {
                            mine.send(Tally.tag(id, seq));
                        }
                    }
                    return null;
                }));
            }
            ch.sender().close();

            for (Future<?> producer : producers) {
                producer.get(TestThreads.GUARD.toNanos(), NANOSECONDS);
            }
            Tally.Log log = consumer.get(TestThreads.GUARD.toNanos(), NANOSECONDS);
            new Tally(PRODUCERS).addLogs(List.of(log)).assertExactly(PER_PRODUCER);
            assertThat(ch.senderCount()).isZero();
        } finally {
            virtualThreads.shutdownNow();
            assertThat(virtualThreads.awaitTermination(TestThreads.GUARD.toNanos(), NANOSECONDS))
                    .isTrue();
        }
    }

    /** {@code Executors.newVirtualThreadPerTaskExecutor()}, which does not exist in Java 17's API. */
    private static ExecutorService newVirtualThreadPerTaskExecutor() throws ReflectiveOperationException {
        return (ExecutorService)
                Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    }
}
