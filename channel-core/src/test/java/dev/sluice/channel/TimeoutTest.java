package dev.sluice.channel;

import static dev.sluice.channel.TestChannels.MARKER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.channel.testing.Flavors;
import dev.sluice.channel.testing.Flavors.Flavor;
import dev.sluice.channel.testing.TestThreads;
import dev.sluice.channel.testing.TestThreads.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * S2, S3: {@code send(e, timeout)} gives up after the timeout and then has not sent the element;
 * {@code recv(timeout)} returns {@code null} and has taken nothing; a zero timeout is a {@code
 * try}; a negative one is refused.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TimeoutTest {

    private static final int ITERATIONS = 200;
    private static final Duration SHORT = Duration.ofMillis(50);
    /** The largest Duration there is; converting it to nanoseconds overflows. */
    private static final Duration FOREVER = Duration.ofSeconds(Long.MAX_VALUE, 999_999_999);

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.BLOCKING)
    void timedSendOnAFullChannelGivesUpAfterTheTimeoutAndTheElementIsNeverReceived(Flavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        List<Integer> filled = TestChannels.fill(ch.sender(), flavor);

        long start = System.nanoTime();
        boolean sent = ch.sender().send(MARKER, SHORT);
        long waited = System.nanoTime() - start;

        assertThat(sent).isFalse();
        assertThat(waited).as("nanoseconds waited").isGreaterThanOrEqualTo(SHORT.toNanos());
        assertThat(TestChannels.drainNow(ch.receiver())).isEqualTo(filled);
        assertThat(ch.receiver().tryRecv()).isNull();
        assertThat(ch.sender().trySend(1))
                .as("the channel still works")
                .isEqualTo(flavor.isRendezvous() ? SendStatus.FULL : SendStatus.SENT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void timedRecvOnAnEmptyChannelReturnsNullAfterTheTimeout(Flavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();

        long start = System.nanoTime();
        Integer received = ch.receiver().recv(SHORT);
        long waited = System.nanoTime() - start;

        assertThat(received).isNull();
        assertThat(waited).as("nanoseconds waited").isGreaterThanOrEqualTo(SHORT.toNanos());
        if (flavor.isRendezvous()) {
            assertThat(ch.sender().trySend(1))
                    .as("the timed-out receiver is gone")
                    .isEqualTo(SendStatus.FULL);
        } else {
            assertThat(ch.sender().trySend(1)).isEqualTo(SendStatus.SENT);
            assertThat(ch.receiver().tryRecv())
                    .as("the timed-out recv took nothing")
                    .isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void zeroTimeoutsActLikeTry(Flavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();
        Receiver<Integer> rx = ch.receiver();
        long start = System.nanoTime();

        assertThat(rx.recv(Duration.ZERO)).as("nothing to take").isNull();
        if (flavor.isRendezvous()) {
            assertThat(tx.send(MARKER, Duration.ZERO)).as("no receiver waiting").isFalse();
        } else {
            assertThat(tx.send(1, Duration.ZERO)).as("room").isTrue();
            assertThat(rx.recv(Duration.ZERO)).isEqualTo(1);
        }
        if (flavor.isBounded()) {
            List<Integer> filled = TestChannels.fill(tx, flavor);
            assertThat(tx.send(MARKER, Duration.ZERO)).as("full").isFalse();
            assertThat(TestChannels.drainNow(rx)).isEqualTo(filled);
        }

        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .as("zero timeouts never wait")
                .isLessThan(Duration.ofSeconds(5));
        assertThat(rx.tryRecv()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void zeroTimeoutSendReachesAWaitingReceiver(Flavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Worker<Integer> receiver =
                TestThreads.call("receiver", ch.receiver()::recv).awaitBlocked();

        assertThat(ch.sender().send(5, Duration.ZERO)).isTrue();

        assertThat(receiver.join()).isEqualTo(5);
    }

    @Test
    void zeroTimeoutRecvTakesFromASenderWaitingAtARendezvous() throws Exception {
        Channel<Integer> ch = Channel.rendezvous();
        Worker<Void> sender =
                TestThreads.run("sender", () -> ch.sender().send(5)).awaitBlocked();

        assertThat(ch.receiver().recv(Duration.ZERO)).isEqualTo(5);

        sender.join();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void negativeTimeoutsAreRejectedNamingTheValue(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        Duration negative = Duration.ofSeconds(-3);

        assertThatThrownBy(() -> ch.sender().send(1, negative))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-3")
                .satisfies(TimeoutTest::namesTheTimeout);
        assertThatThrownBy(() -> ch.receiver().recv(negative))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-3")
                .satisfies(TimeoutTest::namesTheTimeout);
        assertThatThrownBy(() -> ch.sender().send(1, Duration.ofNanos(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ch.receiver().recv(Duration.ofNanos(-1))).isInstanceOf(IllegalArgumentException.class);

        assertThat(ch.size()).as("nothing was sent").isZero();
        assertThat(ch.receiver().tryRecv()).isNull();
        assertThat(ch.isClosed()).isFalse();
    }

    /** House style: the message names the argument as well as the value ("timeout is negative: PT-3S"). */
    private static void namesTheTimeout(Throwable rejected) {
        assertThat(rejected.getMessage()).containsIgnoringCase("timeout");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void theLongestTimeoutsDoNotOverflow(Flavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Worker<Integer> receiver =
                TestThreads.call("receiver", () -> ch.receiver().recv(FOREVER)).awaitBlocked();
        ch.sender().send(1);
        assertThat(receiver.join()).isEqualTo(1);

        if (!flavor.isUnbounded()) {
            List<Integer> filled = TestChannels.fill(ch.sender(), flavor);
            Worker<Boolean> sender = TestThreads.call(
                            "sender", () -> ch.sender().send(MARKER, FOREVER))
                    .awaitBlocked();
            List<Integer> received = new ArrayList<>();
            for (int i = 0; i <= filled.size(); i++) {
                received.add(ch.receiver().recv());
            }
            assertThat(sender.join()).isTrue();
            assertThat(received).endsWith(MARKER);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.BLOCKING)
    void timedSendRacingWithAReceiverIsEitherDeliveredOnceOrNotAtAll(Flavor flavor) throws Exception {
        SplittableRandom random = new SplittableRandom(flavor.name().hashCode());
        for (int i = 0; i < ITERATIONS; i++) {
            Channel<Integer> ch = flavor.create();
            Sender<Integer> tx = ch.sender();
            List<Integer> filled = TestChannels.fill(tx, flavor);
            Duration timeout = Duration.ofNanos(random.nextInt(2_000_000));
            Worker<Boolean> sender = TestThreads.call("sender", () -> tx.send(MARKER, timeout));
            TestThreads.spin(random.nextInt(20_000));
            Worker<List<Integer>> consumer =
                    TestThreads.call("consumer", () -> TestChannels.receiveUntilEnd(ch.receiver()));

            boolean sent = sender.join();
            TestChannels.assertMarkerDeliveredIffAccepted(
                    tx, consumer, filled, sent, "iteration " + i + ", send reported " + sent);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void timedRecvRacingWithASenderEitherTakesTheElementOrLeavesIt(Flavor flavor) throws Exception {
        SplittableRandom random = new SplittableRandom(flavor.name().hashCode());
        for (int i = 0; i < ITERATIONS; i++) {
            Channel<Integer> ch = flavor.create();
            Receiver<Integer> rx = ch.receiver();
            Duration timeout = Duration.ofNanos(random.nextInt(2_000_000));
            Worker<Integer> receiver = TestThreads.call("receiver", () -> rx.recv(timeout));
            TestThreads.spin(random.nextInt(20_000));
            Worker<Void> sender = TestThreads.run("sender", () -> ch.sender().send(42));

            Integer taken = receiver.join();
            if (taken == null) {
                assertThat(rx.recv(TestThreads.GUARD))
                        .as("iteration %d: the timed-out recv left the element", i)
                        .isEqualTo(42);
            } else {
                assertThat(taken).isEqualTo(42);
            }
            sender.join();
            assertThat(rx.tryRecv()).as("iteration %d: taken exactly once", i).isNull();
        }
    }
}
