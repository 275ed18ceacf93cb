package dev.sluice.channel;

import static dev.sluice.channel.testing.TestThreads.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.sluice.channel.testing.Flavors;
import dev.sluice.channel.testing.Flavors.Flavor;
import dev.sluice.channel.testing.Tally;
import dev.sluice.channel.testing.TestThreads;
import dev.sluice.channel.testing.TestThreads.Worker;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * S2, S4, S5 under races: closes (last receiver, last sender, {@code fail}) land at random points
 * among many sends and receives on real threads, and every element is still accounted for: a send
 * either returns normally or throws {@link ChannelClosedException}, and what was accepted is
 * received exactly once unless the last receiver discarded it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CloseRaceTest {

    private static final int ITERATIONS = 200;
    private static final int SENDS_PER_PRODUCER = 200;

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void sendsRacingTheLastReceiverCloseAreEitherDeliveredOrRefused(Flavor flavor) throws Exception {
        SplittableRandom random = new SplittableRandom(flavor.name().hashCode());
        for (int i = 0; i < ITERATIONS; i++) {
            lastReceiverCloseRace(flavor, random);
        }
    }

    private static void lastReceiverCloseRace(Flavor flavor, SplittableRandom random) throws Exception {
        int producers = flavor.producers(3);
        int consumers = flavor.consumers(2);
        Channel<Long> ch = flavor.create();
        CyclicBarrier start = new CyclicBarrier(producers + consumers);
        List<Worker<Integer>> producerWorkers = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int id = p;
            Sender<Long> tx =
                    flavor.singleProducer() ? ch.sender() : ch.sender().clone();
            producerWorkers.add(TestThreads.call("producer-" + p, () -> {
                try (Sender<Long> mine = tx) {
                    await(start);
                    int accepted = 0;
                    try {
                        while (accepted < SENDS_PER_PRODUCER) {
                            mine.send(Tally.tag(id, accepted));
                            accepted++;
                        }
                    } catch (ChannelClosedException refused) {
                        // Closed for good: every later send is refused too.
                        assertThat(mine.trySend(Tally.tag(id, accepted))).isEqualTo(SendStatus.CLOSED);
                        assertThatThrownBy(() -> mine.send(Tally.tag(id, SENDS_PER_PRODUCER)))
                                .isInstanceOf(ChannelClosedException.class);
                    }
                    return accepted;
                }
            }));
        }
        List<Worker<Tally.Log>> consumerWorkers = new ArrayList<>();
        for (int c = 0; c < consumers; c++) {
            int quota = random.nextInt(64);
            Receiver<Long> rx =
                    flavor.singleConsumer() ? ch.receiver() : ch.receiver().clone();
            consumerWorkers.add(TestThreads.call("consumer-" + c, () -> {
                Tally.Log log = new Tally.Log(producers);
                try (Receiver<Long> mine = rx) {
                    await(start);
                    for (int k = 0; k < quota; k++) {
                        log.add(mine.recv());
                    }
                } catch (ChannelClosedException closedBySenders) {
                    // Every producer finished before this consumer's quota: nothing more to take.
                }
                return log;
            }));
        }
        if (!flavor.singleProducer()) {
            ch.sender().close();
        }
        if (!flavor.singleConsumer()) {
            ch.receiver().close();
        }

        List<Integer> accepted = TestThreads.joinAll(producerWorkers);
        Tally received = new Tally(producers).addLogs(TestThreads.joinAll(consumerWorkers));

        // FIFO: only a tail of each producer's accepted elements can have been discarded.
        received.assertPrefixes();
        long discarded = 0;
        for (int p = 0; p < producers; p++) {
            assertThat(received.count(p))
                    .as("producer %d: received at most what was accepted", p)
                    .isLessThanOrEqualTo(accepted.get(p));
            discarded += accepted.get(p) - received.count(p);
        }
        if (!flavor.isUnbounded()) {
            // Accepted but never received: only what sat in the buffer when the last receiver left.
            assertThat(discarded)
                    .as("accepted elements discarded by the last receiver close")
                    .isLessThanOrEqualTo(flavor.capacity());
        }
        assertThat(ch.isClosed()).isTrue();
        assertThat(ch.size()).as("the last receiver close discards the buffer").isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void failRacingWithSendsDrainsExactlyTheAcceptedElementsThenReportsTheCause(Flavor flavor) throws Exception {
        SplittableRandom random = new SplittableRandom(flavor.name().hashCode());
        for (int i = 0; i < ITERATIONS; i++) {
            failRace(flavor, random, i);
        }
    }

    private static void failRace(Flavor flavor, SplittableRandom random, int iteration) throws Exception {
        int producers = flavor.producers(3);
        int consumers = flavor.consumers(2);
        // A single producer fails the channel itself after `threshold` sends; otherwise a separate
        // failer thread, on its own sender clone, fails it once `threshold` sends were accepted.
        boolean separateFailer = !flavor.singleProducer();
        int threshold = random.nextInt(producers * SENDS_PER_PRODUCER / 2 + 1);
        Throwable cause = new IllegalStateException("failure #" + iteration);
        AtomicInteger acceptedSoFar = new AtomicInteger();
        Channel<Long> ch = flavor.create();
        CyclicBarrier start = new CyclicBarrier(producers + consumers + (separateFailer ? 1 : 0));

        List<Worker<Integer>> producerWorkers = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int id = p;
            Sender<Long> tx =
                    flavor.singleProducer() ? ch.sender() : ch.sender().clone();
            producerWorkers.add(TestThreads.call("producer-" + p, () -> {
                try (Sender<Long> mine = tx) {
                    await(start);
                    int accepted = 0;
                    try {
                        while (accepted < SENDS_PER_PRODUCER) {
                            if (!separateFailer && accepted == threshold) {
                                assertThat(mine.fail(cause)).isTrue();
                                return accepted;
                            }
                            mine.send(Tally.tag(id, accepted));
                            accepted++;
                            acceptedSoFar.incrementAndGet();
                        }
                    } catch (ChannelClosedException refused) {
                        assertThat(mine.trySend(Tally.tag(id, accepted))).isEqualTo(SendStatus.CLOSED);
                    }
                    return accepted;
                }
            }));
        }
        Worker<Boolean> failer = null;
        if (separateFailer) {
            Sender<Long> mine = ch.sender().clone();
            failer = TestThreads.call("failer", () -> {
                await(start);
                TestThreads.awaitTrue(() -> acceptedSoFar.get() >= threshold, threshold + " sends were accepted");
                return mine.fail(cause);
            });
        }
        List<Worker<Tally.Log>> consumerWorkers = new ArrayList<>();
        for (int c = 0; c < consumers; c++) {
            Receiver<Long> rx =
                    flavor.singleConsumer() ? ch.receiver() : ch.receiver().clone();
            consumerWorkers.add(TestThreads.call("consumer-" + c, () -> {
                try (Receiver<Long> mine = rx) {
                    Tally.Log log = new Tally.Log(producers);
                    await(start);
                    while (true) {
                        try {
                            log.add(mine.recv());
                        } catch (ChannelClosedException closed) {
                            assertThat(closed).hasCause(cause);
                            assertThat(closed.getCause()).isSameAs(cause);
                            return log;
                        }
                    }
                }
            }));
        }
        if (!flavor.singleProducer()) {
            ch.sender().close();
        }
        if (!flavor.singleConsumer()) {
            ch.receiver().close();
        }

        List<Integer> accepted = TestThreads.joinAll(producerWorkers);
        if (failer != null) {
            assertThat(failer.join()).as("fail() on an open channel closes it").isTrue();
        }
        List<Tally.Log> logs = TestThreads.joinAll(consumerWorkers);
        new Tally(producers)
                .addLogs(logs)
                .assertExactly(accepted.stream().mapToInt(Integer::intValue).toArray());
        assertThat(ch.isClosed()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void lastSenderCloseRacingWithReceiversDeliversEverything(Flavor flavor) throws Exception {
        SplittableRandom random = new SplittableRandom(flavor.name().hashCode());
        for (int i = 0; i < ITERATIONS; i++) {
            int producers = flavor.producers(3);
            int consumers = flavor.consumers(2);
            Channel<Long> ch = flavor.create();
            CyclicBarrier start = new CyclicBarrier(producers + consumers);
            List<Worker<Void>> producerWorkers = new ArrayList<>();
            int[] sent = new int[producers];
            for (int p = 0; p < producers; p++) {
                int id = p;
                int count = random.nextInt(SENDS_PER_PRODUCER);
                sent[p] = count;
                Sender<Long> tx =
                        flavor.singleProducer() ? ch.sender() : ch.sender().clone();
                producerWorkers.add(TestThreads.run("producer-" + p, () -> {
                    try (Sender<Long> mine = tx) {
                        await(start);
                        for (int seq = 0; seq < count; seq++) {
                            mine.send(Tally.tag(id, seq));
                        }
                    }
                }));
            }
            List<Worker<Tally.Log>> consumerWorkers = new ArrayList<>();
            for (int c = 0; c < consumers; c++) {
                Receiver<Long> rx =
                        flavor.singleConsumer() ? ch.receiver() : ch.receiver().clone();
                consumerWorkers.add(TestThreads.call("consumer-" + c, () -> receiveUntilClosed(rx, producers, start)));
            }
            if (!flavor.singleConsumer()) {
                ch.receiver().close();
            }
            if (!flavor.singleProducer()) {
                // The first sender handle closes at a random point among the producers' work.
                TestThreads.spin(random.nextInt(10_000));
                ch.sender().close();
            }

            TestThreads.joinAll(producerWorkers);
            new Tally(producers).addLogs(TestThreads.joinAll(consumerWorkers)).assertExactly(sent);
            assertThat(ch.size()).isZero();
        }
    }

    private static Tally.Log receiveUntilClosed(Receiver<Long> rx, int producers, CyclicBarrier start)
            throws Exception {
        try (Receiver<Long> mine = rx) {
            Tally.Log log = new Tally.Log(producers);
            await(start);
            while (true) {
                try {
                    log.add(mine.recv());
                } catch (ChannelClosedException closed) {
                    assertThat(closed).as("closed by plain sender closes").hasNoCause();
                    assertThat(mine.isTerminated()).isTrue();
                    return log;
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.BUFFERED)
    void lastSenderCloseDeliversEveryBufferedElementThenReportsClosed(Flavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        int buffered = Math.min(flavor.capacity(), 10);
        for (int i = 0; i < buffered; i++) {
            assertThat(ch.sender().trySend(i)).isEqualTo(SendStatus.SENT);
        }

        ch.sender().close();

        Receiver<Integer> rx = ch.receiver();
        assertThat(rx.isClosed()).isTrue();
        for (int i = 0; i < buffered; i++) {
            assertThat(rx.isTerminated()).isFalse();
            assertThat(rx.recv()).isEqualTo(i);
        }
        assertThat(rx.isTerminated()).isTrue();
        assertThatThrownBy(rx::recv).isInstanceOf(ChannelClosedException.class).hasNoCause();
        assertThatThrownBy(rx::tryRecv)
                .isInstanceOf(ChannelClosedException.class)
                .hasNoCause();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void lastSenderCloseWakesEveryBlockedReceiver(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        List<Worker<Integer>> receivers = new ArrayList<>();
        for (int c = 0; c < flavor.consumers(3); c++) {
            Receiver<Integer> rx = c == 0 ? ch.receiver() : ch.receiver().clone();
            receivers.add(TestThreads.call("receiver-" + c, rx::recv).awaitBlocked());
        }

        ch.sender().close();

        for (Worker<Integer> receiver : receivers) {
            assertThat(receiver.joinFailure())
                    .isInstanceOf(ChannelClosedException.class)
                    .hasNoCause();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void iterationEndsNormallyAfterTheLastSenderCloses(Flavor flavor) {
        SplittableRandom random = new SplittableRandom(flavor.name().hashCode());
        for (int i = 0; i < 20; i++) {
            Channel<Integer> ch = flavor.create();
            int count = random.nextInt(100);
            Worker<Void> producer = TestThreads.run("producer", () -> {
                try (Sender<Integer> tx = ch.sender()) {
                    for (int e = 0; e < count; e++) {
                        tx.send(e);
                    }
                }
            });
            List<Integer> received = new ArrayList<>();
            for (Integer element : ch.receiver()) {
                received.add(element);
            }
            producer.join();
            assertThat(received).isEqualTo(TestChannels.range(0, count));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void iterationThrowsTheCauseAfterFail(Flavor flavor) {
        SplittableRandom random = new SplittableRandom(flavor.name().hashCode());
        for (int i = 0; i < 20; i++) {
            Channel<Integer> ch = flavor.create();
            int count = random.nextInt(100);
            Throwable cause = new ArithmeticException("failure #" + i);
            Worker<Boolean> producer = TestThreads.call("producer", () -> {
                Sender<Integer> tx = ch.sender();
                for (int e = 0; e < count; e++) {
                    tx.send(e);
                }
                return tx.fail(cause);
            });
            List<Integer> received = new ArrayList<>();
            Throwable thrown = catchThrowable(() -> {
                for (Integer element : ch.receiver()) {
                    received.add(element);
                }
            });
            assertThat(producer.join()).isTrue();
            assertThat(thrown).isInstanceOf(ChannelClosedException.class);
            assertThat(thrown.getCause()).isSameAs(cause);
            assertThat(received).isEqualTo(TestChannels.range(0, count));
        }
    }
}
