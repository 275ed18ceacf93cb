package dev.sluice.channel;

import static dev.sluice.channel.testing.TestThreads.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.channel.testing.Flavors;
import dev.sluice.channel.testing.Flavors.Flavor;
import dev.sluice.channel.testing.Tally;
import dev.sluice.channel.testing.TestThreads;
import dev.sluice.channel.testing.TestThreads.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * S1 under load: many producers and consumers on real threads, each on its own cloned handle;
 * every element arrives exactly once and each producer's elements arrive in order at every
 * consumer.
 */
class StressTest {

    /** Elements per run for buffered flavors. */
    private static final int ELEMENTS = 1_000_000;

    /**
     * Elements per run for a rendezvous channel: every element is a hand-off between two threads
     * that meet, roughly ten times slower than a buffered send, so 100,000 keeps the run short.
     */
    private static final int RENDEZVOUS_ELEMENTS = 100_000;

    /** A run takes seconds; this only tells a hang from slowness (and stays under the @Timeout). */
    private static final Duration JOIN_GUARD = Duration.ofSeconds(100);

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void everyElementArrivesExactlyOnceInPerProducerOrder(Flavor flavor) throws Exception {
        // 4 producers x 2 consumers; a single-producer (-consumer) flavor gets exactly one.
        int producers = flavor.producers(4);
        int consumers = flavor.consumers(2);
        int perProducer = (flavor.isRendezvous() ? RENDEZVOUS_ELEMENTS : ELEMENTS) / producers;
        Channel<Long> ch = flavor.create();
        CyclicBarrier start = new CyclicBarrier(producers + consumers);

        List<Worker<Tally.Log>> consumerWorkers = new ArrayList<>();
        for (int c = 0; c < consumers; c++) {
            Receiver<Long> rx =
                    flavor.singleConsumer() ? ch.receiver() : ch.receiver().clone();
            consumerWorkers.add(TestThreads.call("consumer-" + c, () -> {
                try (Receiver<Long> mine = rx) {
                    Tally.Log log = new Tally.Log(producers);
                    await(start);
                    while (true) {
                        long element;
                        try {
                            element = mine.recv();
                        } catch (ChannelClosedException closed) {
                            assertThat(closed)
                                    .as("closed by plain sender closes")
                                    .hasNoCause();
                            return log;
                        }
                        log.add(element);
                    }
                }
            }));
        }
        List<Worker<Void>> producerWorkers = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int id = p;
            Sender<Long> tx =
                    flavor.singleProducer() ? ch.sender() : ch.sender().clone();
            producerWorkers.add(TestThreads.run("producer-" + p, () -> {
                try (Sender<Long> mine = tx) {
                    await(start);
                    for (int seq = 0; seq < perProducer; seq++) {
                        mine.send(Tally.tag(id, seq));
                    }
                }
            }));
        }
        // The workers hold clones; the first handles must go so that the producers' closes count.
        if (!flavor.singleProducer()) {
            ch.sender().close();
        }
        if (!flavor.singleConsumer()) {
            ch.receiver().close();
        }

        TestThreads.joinAll(producerWorkers, JOIN_GUARD);
        List<Tally.Log> logs = TestThreads.joinAll(consumerWorkers, JOIN_GUARD);

        new Tally(producers).addLogs(logs).assertExactly(perProducer);
        assertThat(ch.isClosed()).isTrue();
        assertThat(ch.size()).isZero();
        assertThat(ch.senderCount()).isZero();
        assertThat(ch.receiverCount()).isZero();
    }
}
