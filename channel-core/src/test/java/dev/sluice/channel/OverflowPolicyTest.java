package dev.sluice.channel;

import static dev.sluice.channel.testing.TestThreads.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.channel.testing.Flavors;
import dev.sluice.channel.testing.Flavors.Flavor;
import dev.sluice.channel.testing.Tally;
import dev.sluice.channel.testing.TestThreads;
import dev.sluice.channel.testing.TestThreads.Worker;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The dropping {@link Overflow} policies: a send into a full channel never waits; it drops the
 * newest (the element being sent) or the oldest buffered element, counts it in {@link
 * Channel#droppedCount()} and hands it to {@code onDrop}. Every element is either received or
 * dropped, exactly once, and the survivors keep FIFO order.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OverflowPolicyTest {

    static Stream<Arguments> boundedFlavorsWithDroppingPolicies() {
        return Flavors.bounded()
                .flatMap(flavor -> Stream.of(
                        Arguments.of(flavor, Overflow.DROP_NEWEST), Arguments.of(flavor, Overflow.DROP_OLDEST)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.BOUNDED)
    void dropNewestKeepsTheFirstElementsAndDropsTheOnesSentIntoAFullChannel(Flavor flavor) throws Exception {
        Queue<Integer> dropped = new ConcurrentLinkedQueue<>();
        Channel<Integer> ch = flavor.<Integer>builder()
                .overflow(Overflow.DROP_NEWEST)
                .onUndeliveredElement(dropped::add)
                .build();
        int capacity = flavor.capacity();

        for (int i = 0; i < capacity + 5; i++) {
            ch.sender().send(i);
        }

        assertThat(ch.droppedCount()).isEqualTo(5);
        assertThat(dropped).containsExactlyElementsOf(TestChannels.range(capacity, capacity + 5));
        assertThat(TestChannels.drainNow(ch.receiver())).isEqualTo(TestChannels.range(0, capacity));
        ch.sender().send(-1);
        assertThat(ch.receiver().tryRecv()).as("room again after draining").isEqualTo(-1);
        assertThat(ch.droppedCount()).isEqualTo(5);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.BOUNDED)
    void dropOldestKeepsTheLastElementsAndDropsTheOldestBuffered(Flavor flavor) throws Exception {
        Queue<Integer> dropped = new ConcurrentLinkedQueue<>();
        Channel<Integer> ch = flavor.<Integer>builder()
                .overflow(Overflow.DROP_OLDEST)
                .onUndeliveredElement(dropped::add)
                .build();
        int capacity = flavor.capacity();

        for (int i = 0; i < capacity + 5; i++) {
            ch.sender().send(i);
        }

        assertThat(ch.droppedCount()).isEqualTo(5);
        assertThat(dropped).containsExactlyElementsOf(TestChannels.range(0, 5));
        assertThat(TestChannels.drainNow(ch.receiver())).isEqualTo(TestChannels.range(5, capacity + 5));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.BOUNDED)
    void dropOldestInterleavedWithReceivesKeepsTheSurvivorsInOrder(Flavor flavor) throws Exception {
        Queue<Integer> dropped = new ConcurrentLinkedQueue<>();
        Channel<Integer> ch = flavor.<Integer>builder()
                .overflow(Overflow.DROP_OLDEST)
                .onUndeliveredElement(dropped::add)
                .build();
        int capacity = flavor.capacity();
        Sender<Integer> tx = ch.sender();
        Receiver<Integer> rx = ch.receiver();

        for (int i = 0; i <= capacity; i++) {
            tx.send(i); // the last one drops 0
        }
        assertThat(rx.recv()).isEqualTo(1);
        tx.send(capacity + 1); // fills the slot just freed
        tx.send(capacity + 2); // drops 2

        assertThat(dropped).containsExactly(0, 2);
        assertThat(ch.droppedCount()).isEqualTo(2);
        assertThat(TestChannels.drainNow(rx)).isEqualTo(TestChannels.range(3, capacity + 3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.BOUNDED)
    void trySendWithDropNewestReportsFullAndDropsNothing(Flavor flavor) throws Exception {
        Queue<Integer> dropped = new ConcurrentLinkedQueue<>();
        Channel<Integer> ch = flavor.<Integer>builder()
                .overflow(Overflow.DROP_NEWEST)
                .onUndeliveredElement(dropped::add)
                .build();
        List<Integer> filled = TestChannels.fill(ch.sender(), flavor);

        assertThat(ch.sender().trySend(-1)).isEqualTo(SendStatus.FULL);

        assertThat(ch.droppedCount()).isZero();
        assertThat(dropped).isEmpty();
        assertThat(TestChannels.drainNow(ch.receiver())).isEqualTo(filled);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(
            value = Overflow.class,
            names = {"DROP_NEWEST", "DROP_OLDEST"})
    void aDroppingPolicyNeedsABufferToDropFrom(Overflow policy) {
        List<UnaryOperator<ChannelBuilder<Integer>>> withoutBuffer = List.of(
                b -> b.capacity(0).overflow(policy),
                b -> b.overflow(policy).capacity(0),
                b -> b.unbounded().overflow(policy),
                b -> b.overflow(policy).unbounded(),
                b -> b.capacity(0).singleProducer().singleConsumer().overflow(policy),
                b -> b.unbounded().singleConsumer().overflow(policy));
        for (UnaryOperator<ChannelBuilder<Integer>> configuration : withoutBuffer) {
            ChannelBuilder<Integer> builder = configuration.apply(Channel.builder());
            assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(Channel.<Integer>builder()
                        .capacity(4)
                        .overflow(policy)
                        .build()
                        .capacity())
                .isEqualTo(4);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void blockIsAllowedEverywhereAndDropsNothing(Flavor flavor) throws InterruptedException {
        List<Integer> undelivered = new CopyOnWriteArrayList<>();
        Channel<Integer> ch = flavor.<Integer>builder()
                .overflow(Overflow.BLOCK)
                .onUndeliveredElement(undelivered::add)
                .build();
        if (!flavor.isRendezvous()) {
            for (int i = 0; i < ch.capacity() && i < 100; i++) {
                assertThat(ch.sender().trySend(i)).isEqualTo(SendStatus.SENT);
            }
            assertThat(ch.sender().trySend(-1)).isIn(SendStatus.SENT, SendStatus.FULL);
            assertThat(ch.receiver().recv()).isZero();
        }
        assertThat(ch.droppedCount()).isZero();
        assertThat(undelivered).as("nothing dropped while receivers are there").isEmpty();
        ch.sender().close();
        ch.receiver().close();
    }

    /**
     * Producers send as fast as they can while consumers receive: every element sent is either
     * received or dropped, exactly once; {@code droppedCount()} equals what {@code onDrop} saw; and
     * each consumer sees each producer's survivors in order.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("boundedFlavorsWithDroppingPolicies")
    void concurrentDroppingSendsAccountForEveryElement(Flavor flavor, Overflow policy) throws Exception {
        int producers = flavor.producers(3);
        int consumers = flavor.consumers(2);
        int perProducer = 50_000;
        Queue<Long> dropped = new ConcurrentLinkedQueue<>();
        Channel<Long> ch = flavor.<Long>builder()
                .overflow(policy)
                .onUndeliveredElement(dropped::add)
                .build();
        CyclicBarrier start = new CyclicBarrier(producers + consumers);
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

        TestThreads.joinAll(producerWorkers);
        Tally tally = new Tally(producers).addLogs(TestThreads.joinAll(consumerWorkers));
        long received = tally.total();
        for (long element : dropped) {
            tally.add(element);
        }
        tally.assertExactly(perProducer);
        assertThat(ch.droppedCount()).isEqualTo(dropped.size());
        assertThat(received + dropped.size()).isEqualTo((long) producers * perProducer);
    }
}
