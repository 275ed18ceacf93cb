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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * S9: a permit owns free slots; sending through it never waits and never fails for lack of space;
 * closing it returns the slots it did not use.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PermitTest {

    private static final int MARKER = -1;

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.BOUNDED)
    void reservedSlotsCountAgainstTheCapacity(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();

        Permit<Integer> permit = tx.tryReserve(flavor.capacity());

        assertThat(permit).isNotNull();
        assertThat(permit.remaining()).isEqualTo(flavor.capacity());
        assertThat(tx.trySend(MARKER)).as("every slot is reserved").isEqualTo(SendStatus.FULL);
        assertThat(tx.tryReserve(1)).isNull();
        permit.close();
        assertThat(TestChannels.fill(tx, flavor)).hasSize(flavor.capacity());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.BOUNDED)
    void aPartialReservationLeavesTheOtherSlotsToPlainSends(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();

        try (Permit<Integer> permit = tx.tryReserve(1)) {
            assertThat(permit).isNotNull();
            for (int i = 0; i < flavor.capacity() - 1; i++) {
                assertThat(tx.trySend(i)).isEqualTo(SendStatus.SENT);
            }
            assertThat(tx.trySend(MARKER)).isEqualTo(SendStatus.FULL);
            permit.send(MARKER);
        }

        List<Integer> expected = TestChannels.range(0, flavor.capacity() - 1);
        expected.add(MARKER);
        assertThat(TestChannels.drainNow(ch.receiver())).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.BOUNDED)
    void sendingThroughAPermitNeverWaitsAndCountsDown(Flavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Permit<Integer> permit = ch.sender().tryReserve(flavor.capacity());
        assertThat(permit).isNotNull();

        for (int i = 0; i < flavor.capacity(); i++) {
            permit.send(i);
            assertThat(permit.remaining()).isEqualTo(flavor.capacity() - 1 - i);
        }

        assertThat(ch.size()).isEqualTo(flavor.capacity());
        for (int i = 0; i < flavor.capacity(); i++) {
            assertThat(ch.receiver().recv()).isEqualTo(i);
        }
        permit.close();
        assertThat(ch.receiver().tryRecv()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.BOUNDED)
    void closingAPermitReturnsItsUnusedSlotsExactlyOnce(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();
        int used = flavor.capacity() / 2;
        Permit<Integer> permit = tx.tryReserve(flavor.capacity());
        assertThat(permit).isNotNull();
        for (int i = 0; i < used; i++) {
            permit.send(i);
        }

        permit.close();
        permit.close();

        assertThat(permit.remaining()).isZero();
        int accepted = 0;
        while (tx.trySend(used + accepted) == SendStatus.SENT) {
            accepted++;
        }
        assertThat(accepted).as("slots returned by close()").isEqualTo(flavor.capacity() - used);
        assertThat(TestChannels.drainNow(ch.receiver())).isEqualTo(TestChannels.range(0, flavor.capacity()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.BOUNDED)
    void sendingPastTheReservedSlotsIsIllegalAndChangesNothing(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        Permit<Integer> permit = ch.sender().tryReserve(1);
        assertThat(permit).isNotNull();
        permit.send(1);

        assertThatThrownBy(() -> permit.send(2)).isInstanceOf(IllegalStateException.class);

        assertThat(ch.size()).isEqualTo(1);
        assertThat(TestChannels.drainNow(ch.receiver())).containsExactly(1);
        permit.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.BUFFERED)
    void sendingThroughAClosedPermitIsIllegal(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        Permit<Integer> permit = ch.sender().tryReserve(1);
        assertThat(permit).isNotNull();

        permit.close();

        assertThatThrownBy(() -> permit.send(1)).isInstanceOf(IllegalStateException.class);
        assertThat(ch.receiver().tryRecv()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.BOUNDED)
    void reservingMoreThanTheCapacityIsIllegalNamingTheValue(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        int tooMany = flavor.capacity() + 1;

        assertThatThrownBy(() -> ch.sender().tryReserve(tooMany))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(String.valueOf(tooMany));

        assertThat(TestChannels.fill(ch.sender(), flavor)).hasSize(flavor.capacity());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.BOUNDED)
    void tryReserveReturnsNullWhenTooFewSlotsAreFreeAndReservesNothing(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();
        assertThat(tx.trySend(0)).isEqualTo(SendStatus.SENT);

        assertThat(tx.tryReserve(flavor.capacity())).isNull();

        int accepted = 0;
        while (tx.trySend(1 + accepted) == SendStatus.SENT) {
            accepted++;
        }
        assertThat(accepted).as("no slot was kept by the failed reservation").isEqualTo(flavor.capacity() - 1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.BOUNDED)
    void reserveWaitsUntilAReceiverFreesASlot(Flavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();
        List<Integer> filled = TestChannels.fill(tx, flavor);
        Worker<Integer> reserver = TestThreads.call("reserver", () -> {
            try (Permit<Integer> permit = tx.reserve()) {
                int granted = permit.remaining();
                permit.send(MARKER);
                return granted;
            }
        });
        reserver.awaitBlocked();

        assertThat(ch.receiver().recv()).isEqualTo(filled.get(0));

        assertThat(reserver.join()).as("reserve() grants one slot").isEqualTo(1);
        List<Integer> expected = new ArrayList<>(filled.subList(1, filled.size()));
        expected.add(MARKER);
        assertThat(TestChannels.drainNow(ch.receiver())).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.BOUNDED)
    void blockedReserveFailsWhenTheLastReceiverCloses(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        TestChannels.fill(ch.sender(), flavor);
        Worker<Permit<Integer>> reserver =
                TestThreads.call("reserver", ch.sender()::reserve).awaitBlocked();

        ch.receiver().close();

        assertThat(reserver.joinFailure()).isInstanceOf(ChannelClosedException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.BUFFERED)
    void reservingOnAClosedChannelFailsClosed(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        ch.receiver().close();

        assertThatThrownBy(() -> ch.sender().tryReserve(1)).isInstanceOf(ChannelClosedException.class);
        assertThatThrownBy(() -> ch.sender().reserve()).isInstanceOf(ChannelClosedException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.BUFFERED)
    void sendingThroughAPermitAfterTheChannelClosedFailsClosed(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        Permit<Integer> permit = ch.sender().tryReserve(1);
        assertThat(permit).isNotNull();

        ch.receiver().close();

        assertThatThrownBy(() -> permit.send(1)).isInstanceOf(ChannelClosedException.class);
        permit.close();
    }

    @Test
    void aRendezvousChannelHasNoSlotsToReserve() {
        Channel<Integer> ch = Channel.rendezvous();

        assertThatThrownBy(() -> ch.sender().reserve()).isInstanceOf(UnsupportedOperationException.class);
        // tryReserve(1) exceeds the capacity (0), and a rendezvous channel has no slots: either
        // refusal is clear.
        assertThat(catchThrowable(() -> ch.sender().tryReserve(1)))
                .isInstanceOfAny(IllegalArgumentException.class, UnsupportedOperationException.class);
        assertThat(ch.sender().trySend(1)).isEqualTo(SendStatus.FULL);
    }

    @Test
    void unboundedReservationsAlwaysSucceed() throws Exception {
        Channel<Integer> ch = Channel.unbounded();
        Sender<Integer> tx = ch.sender();
        for (int i = 0; i < 1000; i++) {
            assertThat(tx.trySend(i)).isEqualTo(SendStatus.SENT);
        }

        try (Permit<Integer> many = tx.tryReserve(1_000_000);
                Permit<Integer> one = tx.reserve()) {
            assertThat(many).isNotNull();
            assertThat(many.remaining()).isEqualTo(1_000_000);
            assertThat(one.remaining()).isEqualTo(1);
            many.send(1000);
            one.send(1001);
        }

        assertThat(TestChannels.drainNow(ch.receiver())).isEqualTo(TestChannels.range(0, 1002));
    }

    /**
     * Producers mix plain sends, {@code reserve()} and {@code tryReserve(n)} (using some of the
     * slots and closing the rest back): the buffer never exceeds the capacity and nothing is lost,
     * duplicated or reordered. A permit that leaked its slots would eventually starve the producers
     * and hang the test.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.BUFFERED)
    void permitsAndPlainSendsTogetherNeverExceedTheCapacityAndLoseNothing(Flavor flavor) throws Exception {
        int producers = flavor.producers(3);
        int consumers = flavor.consumers(2);
        int perProducer = 20_000;
        Channel<Long> ch = flavor.create();
        CyclicBarrier start = new CyclicBarrier(producers + consumers);
        List<Worker<Void>> producerWorkers = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int id = p;
            Sender<Long> tx =
                    flavor.singleProducer() ? ch.sender() : ch.sender().clone();
            SplittableRandom random = new SplittableRandom(p);
            producerWorkers.add(TestThreads.run("producer-" + p, () -> {
                try (Sender<Long> mine = tx) {
                    await(start);
                    int seq = 0;
                    while (seq < perProducer) {
                        int choice = random.nextInt(3);
                        if (choice == 0) {
                            mine.send(Tally.tag(id, seq++));
                        } else if (choice == 1) {
                            try (Permit<Long> permit = mine.reserve()) {
                                permit.send(Tally.tag(id, seq++));
                            }
                        } else {
                            int wanted = 1 + random.nextInt(Math.min(4, flavor.capacity()));
                            Permit<Long> permit = mine.tryReserve(wanted);
                            if (permit == null) {
                                mine.send(Tally.tag(id, seq++));
                                continue;
                            }
                            try (permit) {
                                int using = Math.min(random.nextInt(wanted + 1), perProducer - seq);
                                for (int i = 0; i < using; i++) {
                                    permit.send(Tally.tag(id, seq++));
                                }
                                assertThat(permit.remaining()).isEqualTo(wanted - using);
                            }
                        }
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
                        int size = mine.size();
                        if (size > mine.capacity()) {
                            throw new AssertionError("size " + size + " exceeds capacity " + mine.capacity());
                        }
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
        new Tally(producers).addLogs(TestThreads.joinAll(consumerWorkers)).assertExactly(perProducer);
    }
}
