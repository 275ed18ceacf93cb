package dev.sluice.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.channel.Flavors.Flavor;
import dev.sluice.channel.TestThreads.Worker;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * S13: a {@code null} element is refused with {@link NullPointerException} before anything changes;
 * a negative or too large capacity with {@link IllegalArgumentException} naming the value; no bad
 * input corrupts the channel. (Negative timeouts: {@link TimeoutTest}.)
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BadInputTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.BUFFERED)
    void nullElementsAreRefusedAndChangeNothing(Flavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();
        try (Permit<Integer> permit = tx.tryReserve(1)) {
            assertThat(permit).isNotNull();
            assertThatThrownBy(() -> permit.send(null)).isInstanceOf(NullPointerException.class);
            assertThat(permit.remaining()).as("the slot is still reserved").isEqualTo(1);
            permit.send(1);
        }
        // The channel may now be full (capacity 1): a null must still be refused, never wait.
        assertThatThrownBy(() -> tx.send(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> tx.trySend(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> tx.send(null, Duration.ofSeconds(1))).isInstanceOf(NullPointerException.class);
        assertThat(TestChannels.failureOf(() -> tx.sendAsync(null))).isInstanceOf(NullPointerException.class);

        assertThat(ch.size()).isEqualTo(1);
        assertThat(ch.isClosed()).isFalse();
        assertThat(ch.receiver().tryRecv()).isEqualTo(1);
        assertThat(tx.trySend(2)).isEqualTo(SendStatus.SENT);
        assertThat(ch.receiver().tryRecv()).isEqualTo(2);
        assertThat(ch.receiver().tryRecv()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void aNullNeverReachesAWaitingReceiver(Flavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();
        Worker<Integer> receiver =
                TestThreads.call("receiver", ch.receiver()::recv).awaitBlocked();

        assertThatThrownBy(() -> tx.send(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> tx.trySend(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> tx.send(null, Duration.ofSeconds(1))).isInstanceOf(NullPointerException.class);
        assertThat(TestChannels.failureOf(() -> tx.sendAsync(null))).isInstanceOf(NullPointerException.class);
        tx.send(3);

        assertThat(receiver.join()).isEqualTo(3);
    }

    @Test
    void aNullIsRefusedAtARendezvousWithoutWaitingForAReceiver() {
        Channel<Integer> ch = Channel.rendezvous();

        assertThatThrownBy(() -> ch.sender().send(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ch.sender().send(null, Duration.ofHours(1))).isInstanceOf(NullPointerException.class);

        assertThat(ch.receiver().tryRecv()).isNull();
    }

    @ParameterizedTest(name = "capacity {0}")
    @ValueSource(ints = {-1, -3, Integer.MIN_VALUE, Channel.MAX_CAPACITY + 1, Integer.MAX_VALUE})
    void capacitiesOutOfRangeAreRefusedNamingTheValue(int capacity) {
        String value = String.valueOf(capacity);

        assertThatThrownBy(() -> Channel.bounded(capacity))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(value)
                .satisfies(BadInputTest::namesTheCapacity);
        assertThatThrownBy(() -> Channel.builder().capacity(capacity))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(value)
                .satisfies(BadInputTest::namesTheCapacity);
    }

    /** House style: the message names the argument as well as the value ("capacity is negative: -3"). */
    private static void namesTheCapacity(Throwable refused) {
        assertThat(refused.getMessage()).containsIgnoringCase("capacity");
    }

    @Test
    void aRefusedCapacityLeavesTheBuilderUsable() {
        ChannelBuilder<Integer> builder = Channel.<Integer>builder().capacity(8);

        assertThatThrownBy(() -> builder.capacity(-1)).isInstanceOf(IllegalArgumentException.class);

        assertThat(builder.build().capacity()).isEqualTo(8);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void nullTimeoutsAreRefused(Flavor flavor) {
        Channel<Integer> ch = flavor.create();

        assertThatThrownBy(() -> ch.sender().send(1, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ch.receiver().recv(null)).isInstanceOf(NullPointerException.class);

        assertThat(ch.size()).isZero();
        assertThat(ch.receiver().tryRecv()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.BUFFERED)
    void nonPositiveReservationsAreRefusedNamingTheValue(Flavor flavor) {
        Channel<Integer> ch = flavor.create();

        assertThatThrownBy(() -> ch.sender().tryReserve(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0");
        assertThatThrownBy(() -> ch.sender().tryReserve(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");

        if (flavor.isBounded()) {
            assertThat(TestChannels.fill(ch.sender(), flavor))
                    .as("no slot was kept")
                    .hasSize(flavor.capacity());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void nullCallbacksAreRefused(Flavor flavor) {
        Channel<Integer> ch = flavor.create();

        assertThatThrownBy(() -> ch.sender().whenSendable(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ch.receiver().whenReceivable(null)).isInstanceOf(NullPointerException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void failWithNullIsRefusedAndLeavesTheChannelOpen(Flavor flavor) {
        Channel<Integer> ch = flavor.create();

        assertThatThrownBy(() -> ch.sender().fail(null)).isInstanceOf(NullPointerException.class);

        assertThat(ch.isClosed()).isFalse();
        assertThat(ch.sender().isHandleClosed()).isFalse();
        assertThat(ch.senderCount()).isEqualTo(1);
        assertThat(ch.receiver().tryRecv()).isNull();
    }

    @Test
    void theBuilderRefusesNulls() {
        ChannelBuilder<Integer> builder = Channel.builder();

        assertThatThrownBy(() -> builder.overflow(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> builder.onDrop(null)).isInstanceOf(NullPointerException.class);

        assertThat(builder.build()).as("the builder still builds").isNotNull();
    }
}
