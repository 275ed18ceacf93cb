package dev.sluice.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.channel.testing.Flavors;
import dev.sluice.channel.testing.Flavors.Flavor;
import dev.sluice.channel.testing.TestThreads;
import dev.sluice.channel.testing.TestThreads.Worker;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * S11: {@code capacity()}, {@code size()}, {@code isClosed()} and the handle counts, from the
 * channel and from either handle; never blocking, even while other threads are blocked in it (a
 * blocking read would trip the class timeout).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IntrospectionTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void capacityIsReportedByTheChannelAndBothHandles(Flavor flavor) {
        Channel<Integer> ch = flavor.create();

        assertThat(ch.capacity()).isEqualTo(flavor.capacity());
        assertThat(ch.sender().capacity()).isEqualTo(flavor.capacity());
        assertThat(ch.receiver().capacity()).isEqualTo(flavor.capacity());
    }

    @Test
    void rendezvousReportsCapacityZeroAndUnboundedReportsUnbounded() {
        assertThat(Channel.rendezvous().capacity()).isZero();
        assertThat(Channel.bounded(0).capacity()).isZero();
        assertThat(Channel.unbounded().capacity()).isEqualTo(Channel.UNBOUNDED);
        assertThat(Channel.builder().unbounded().build().capacity()).isEqualTo(Channel.UNBOUNDED);
    }

    @Test
    void theDefaultBuilderMakesABoundedChannelOf1024() {
        assertThat(Channel.builder().build().capacity()).isEqualTo(1024);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.BUFFERED)
    void sizeIsExactWhenQuiescent(Flavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        int count = Math.min(flavor.capacity(), 10);
        assertSize(ch, 0);

        for (int i = 0; i < count; i++) {
            ch.sender().send(i);
            assertSize(ch, i + 1);
        }
        for (int i = count; i > 0; i--) {
            ch.receiver().recv();
            assertSize(ch, i - 1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.BLOCKING)
    void sizeNeverExceedsTheCapacityWhileSendersWait(Flavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        List<Integer> filled = TestChannels.fill(ch.sender(), flavor);
        Worker<Void> waiting =
                TestThreads.run("sender", () -> ch.sender().send(-1)).awaitBlocked();

        assertSize(ch, flavor.capacity());
        assertThat(ch.isClosed()).isFalse();
        assertThat(ch.senderCount()).isEqualTo(1);
        assertThat(ch.receiverCount()).isEqualTo(1);
        assertThat(ch.droppedCount()).isZero();

        assertThat(ch.receiver().recv()).isEqualTo(filled.isEmpty() ? -1 : filled.get(0));
        waiting.join();
        assertSize(ch, flavor.capacity());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void introspectionNeverBlocksWhileAReceiverWaits(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        Worker<Integer> waiting =
                TestThreads.call("receiver", ch.receiver()::recv).awaitBlocked();

        assertSize(ch, 0);
        assertThat(ch.capacity()).isEqualTo(flavor.capacity());
        assertThat(ch.isClosed()).isFalse();
        assertThat(ch.receiver().isTerminated()).isFalse();

        ch.sender().close();
        waiting.joinFailure();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void isClosedTracksEveryWayOfClosing(Flavor flavor) {
        Channel<Integer> bySenders = flavor.create();
        assertThat(bySenders.isClosed()).isFalse();
        bySenders.sender().close();
        assertThat(bySenders.isClosed()).isTrue();
        assertThat(bySenders.receiver().isClosed()).isTrue();

        Channel<Integer> byReceivers = flavor.create();
        byReceivers.receiver().close();
        assertThat(byReceivers.isClosed()).isTrue();
        assertThat(byReceivers.sender().isClosed()).isTrue();

        Channel<Integer> byFail = flavor.create();
        byFail.sender().fail(new RuntimeException("cause"));
        assertThat(byFail.isClosed()).isTrue();
        assertThat(byFail.receiver().isClosed()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.BUFFERED)
    void aClosedChannelStillReportsWhatItHolds(Flavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        ch.sender().send(1);
        ch.sender().close();

        assertThat(ch.isClosed()).isTrue();
        assertSize(ch, 1);
        assertThat(ch.receiver().isTerminated()).isFalse();
        assertThat(ch.senderCount()).isZero();
        assertThat(ch.receiverCount()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void countsReachZeroWhenEveryHandleIsClosed(Flavor flavor) {
        Channel<Integer> ch = flavor.create();

        ch.sender().close();
        ch.receiver().close();

        assertThat(ch.senderCount()).isZero();
        assertThat(ch.receiverCount()).isZero();
        assertThat(ch.isClosed()).isTrue();
        assertThat(ch.size()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void nothingIsDroppedWithoutADroppingPolicy(Flavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        if (!flavor.isRendezvous()) {
            for (int i = 0; i < Math.min(flavor.capacity(), 100); i++) {
                ch.sender().send(i);
            }
            ch.sender().trySend(-1);
        }

        assertThat(ch.droppedCount()).isZero();
    }

    /** The size agrees from the channel and from both first handles. */
    private static void assertSize(Channel<?> ch, int expected) {
        assertThat(ch.size()).as("channel size").isEqualTo(expected);
        assertThat(ch.sender().size()).as("sender's size").isEqualTo(expected);
        assertThat(ch.receiver().size()).as("receiver's size").isEqualTo(expected);
    }
}
