package dev.sluice.channel;

import static dev.sluice.channel.TestChannels.MARKER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.channel.testing.Flavors;
import dev.sluice.channel.testing.Flavors.Flavor;
import dev.sluice.channel.testing.TestThreads;
import dev.sluice.channel.testing.TestThreads.Worker;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * S6: a thread interrupted while waiting in {@code send}, {@code recv} or {@code reserve} gets
 * {@link InterruptedException}, and the element is not sent / not taken / nothing is reserved.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InterruptTest {

    private static final int ITERATIONS = 200;
    private static final Duration LONG = Duration.ofHours(1);

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.BLOCKING)
    void interruptedBlockedSendThrowsAndItsElementIsNeverReceived(Flavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();
        Receiver<Integer> rx = ch.receiver();
        List<Integer> filled = TestChannels.fill(tx, flavor);
        AtomicBoolean flagAfterwards = new AtomicBoolean(true);
        Worker<Void> sender = TestThreads.run("sender", () -> {
            try {
                tx.send(MARKER);
            } finally {
                flagAfterwards.set(Thread.currentThread().isInterrupted());
            }
        });
        sender.awaitBlocked();

        sender.interrupt();

        assertThat(sender.joinFailure()).isInstanceOf(InterruptedException.class);
        assertThat(flagAfterwards)
                .as("interrupt status cleared when InterruptedException is thrown")
                .isFalse();
        assertThat(TestChannels.drainNow(rx))
                .as("the interrupted element was not sent")
                .isEqualTo(filled);
        assertChannelStillWorks(flavor, tx, rx);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.BLOCKING)
    void interruptedTimedSendThrowsAndItsElementIsNeverReceived(Flavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();
        List<Integer> filled = TestChannels.fill(tx, flavor);
        Worker<Boolean> sender =
                TestThreads.call("sender", () -> tx.send(MARKER, LONG)).awaitBlocked();

        sender.interrupt();

        assertThat(sender.joinFailure()).isInstanceOf(InterruptedException.class);
        assertThat(TestChannels.drainNow(ch.receiver())).isEqualTo(filled);
        assertChannelStillWorks(flavor, tx, ch.receiver());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.BLOCKING)
    void sendByAnAlreadyInterruptedThreadThatWouldWaitThrows(Flavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();
        List<Integer> filled = TestChannels.fill(tx, flavor);
        Worker<Void> sender = TestThreads.run("sender", () -> {
            Thread.currentThread().interrupt();
            tx.send(MARKER);
        });

        assertThat(sender.joinFailure()).isInstanceOf(InterruptedException.class);
        assertThat(TestChannels.drainNow(ch.receiver())).isEqualTo(filled);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void interruptedBlockedRecvThrowsAndTakesNothing(Flavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();
        Receiver<Integer> rx = ch.receiver();
        Worker<Integer> victim = TestThreads.call("victim", rx::recv).awaitBlocked();

        victim.interrupt();

        assertThat(victim.joinFailure()).isInstanceOf(InterruptedException.class);
        if (flavor.isRendezvous()) {
            assertThat(tx.trySend(42)).as("no receiver is waiting any more").isEqualTo(SendStatus.FULL);
        }
        // A later element goes to a later receive, not to the interrupted one.
        Worker<Integer> next = TestThreads.call("next", rx::recv);
        tx.send(42);
        assertThat(next.join()).isEqualTo(42);
        assertThat(rx.tryRecv()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.MULTI_CONSUMER)
    void interruptingOneOfTwoBlockedReceiversLeavesTheOtherToBeServed(Flavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Worker<Integer> victim = TestThreads.call("victim", ch.receiver()::recv).awaitBlocked();
        Receiver<Integer> other = ch.receiver().clone();
        Worker<Integer> bystander = TestThreads.call("bystander", other::recv).awaitBlocked();

        victim.interrupt();
        assertThat(victim.joinFailure()).isInstanceOf(InterruptedException.class);
        ch.sender().send(42);

        assertThat(bystander.join()).isEqualTo(42);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void interruptedTimedRecvThrowsAndTakesNothing(Flavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Worker<Integer> victim =
                TestThreads.call("victim", () -> ch.receiver().recv(LONG)).awaitBlocked();

        victim.interrupt();

        assertThat(victim.joinFailure()).isInstanceOf(InterruptedException.class);
        Worker<Integer> next = TestThreads.call("next", ch.receiver()::recv);
        ch.sender().send(42);
        assertThat(next.join()).isEqualTo(42);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void recvByAnAlreadyInterruptedThreadThatWouldWaitThrows(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        Worker<Integer> receiver = TestThreads.call("receiver", () -> {
            Thread.currentThread().interrupt();
            return ch.receiver().recv();
        });

        assertThat(receiver.joinFailure()).isInstanceOf(InterruptedException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.BOUNDED)
    void interruptedBlockedReserveThrowsAndReservesNothing(Flavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();
        TestChannels.fill(tx, flavor);
        Worker<Permit<Integer>> reserver =
                TestThreads.call("reserver", tx::reserve).awaitBlocked();

        reserver.interrupt();

        assertThat(reserver.joinFailure()).isInstanceOf(InterruptedException.class);
        TestChannels.drainNow(ch.receiver());
        try (Permit<Integer> all = tx.tryReserve(flavor.capacity())) {
            assertThat(all)
                    .as("every slot is free again: the interrupted reserve kept none")
                    .isNotNull();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.BLOCKING)
    void interruptRacingWithASendEitherDeliversOnceOrNotAtAll(Flavor flavor) throws Exception {
        SplittableRandom random = new SplittableRandom(flavor.name().hashCode());
        for (int i = 0; i < ITERATIONS; i++) {
            Channel<Integer> ch = flavor.create();
            Sender<Integer> tx = ch.sender();
            List<Integer> filled = TestChannels.fill(tx, flavor);
            Worker<Boolean> sender = TestThreads.call("sender", () -> {
                try {
                    tx.send(MARKER);
                    return true;
                } catch (InterruptedException interrupted) {
                    return false;
                }
            });
            Worker<List<Integer>> consumer =
                    TestThreads.call("consumer", () -> TestChannels.receiveUntilEnd(ch.receiver()));

            TestThreads.spin(random.nextInt(20_000));
            sender.interrupt();
            boolean sent = sender.join();
            TestChannels.assertMarkerDeliveredIffAccepted(
                    tx, consumer, filled, sent, "iteration " + i + ", send returned normally: " + sent);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void interruptRacingWithARecvEitherTakesTheElementOrLeavesIt(Flavor flavor) throws Exception {
        SplittableRandom random = new SplittableRandom(flavor.name().hashCode());
        for (int i = 0; i < ITERATIONS; i++) {
            Channel<Integer> ch = flavor.create();
            Receiver<Integer> rx = ch.receiver();
            Worker<Integer> receiver = TestThreads.call("receiver", () -> {
                try {
                    return rx.recv();
                } catch (InterruptedException interrupted) {
                    return null;
                }
            });
            Worker<Void> sender = TestThreads.run("sender", () -> ch.sender().send(42));

            TestThreads.spin(random.nextInt(20_000));
            receiver.interrupt();
            Integer taken = receiver.join();
            if (taken == null) {
                assertThat(rx.recv(TestThreads.GUARD))
                        .as("iteration %d: the interrupted recv left the element", i)
                        .isEqualTo(42);
            } else {
                assertThat(taken).isEqualTo(42);
            }
            sender.join();
            assertThat(rx.tryRecv()).as("iteration %d: taken exactly once", i).isNull();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void interruptWhileIteratingEndsWithClosedExceptionAndRestoresTheFlag(Flavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        AtomicBoolean flagAfterwards = new AtomicBoolean();
        Worker<Integer> iterating = TestThreads.call("iterating", () -> {
            Iterator<Integer> elements = ch.receiver().iterator();
            try {
                return elements.hasNext() ? elements.next() : null;
            } finally {
                flagAfterwards.set(Thread.currentThread().isInterrupted());
            }
        });
        iterating.awaitBlocked();

        iterating.interrupt();

        Throwable thrown = iterating.joinFailure();
        assertThat(thrown).isInstanceOf(ChannelClosedException.class).hasCauseInstanceOf(InterruptedException.class);
        assertThat(flagAfterwards).as("interrupt flag set again").isTrue();
        assertThat(ch.isClosed())
                .as("an interrupted iteration does not close the channel")
                .isFalse();
        assertChannelStillWorks(flavor, ch.sender(), ch.receiver());
    }

    /** One more element goes through, to the receive that asks for it. */
    private static void assertChannelStillWorks(Flavor flavor, Sender<Integer> tx, Receiver<Integer> rx)
            throws InterruptedException {
        if (flavor.isRendezvous()) {
            assertThat(rx.tryRecv()).isNull();
            Worker<Integer> receiver = TestThreads.call("receiver", rx::recv);
            tx.send(7);
            assertThat(receiver.join()).isEqualTo(7);
        } else {
            assertThat(tx.trySend(7)).isEqualTo(SendStatus.SENT);
            assertThat(rx.tryRecv()).isEqualTo(7);
            assertThat(rx.tryRecv()).isNull();
        }
    }
}
