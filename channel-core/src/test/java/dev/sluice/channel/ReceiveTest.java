package dev.sluice.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.sluice.channel.testing.Flavors;
import dev.sluice.channel.testing.Flavors.Flavor;
import dev.sluice.channel.testing.TestThreads;
import dev.sluice.channel.testing.TestThreads.Worker;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * S3: {@code recv} waits, {@code tryRecv} tells empty from closed-and-drained without allocating,
 * iteration and streams end with the channel.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReceiveTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void tryRecvReturnsNullWhileEmptyAndOpen(Flavor flavor) {
        Channel<Integer> ch = flavor.create();

        assertThat(ch.receiver().tryRecv()).isNull();
        assertThat(ch.receiver().tryRecv()).isNull();
        assertThat(ch.receiver().isTerminated()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.BUFFERED)
    void tryRecvTakesBufferedElementsInFifoOrder(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        int count = Math.min(flavor.capacity(), 100);
        for (int i = 0; i < count; i++) {
            assertThat(ch.sender().trySend(i)).isEqualTo(SendStatus.SENT);
        }

        assertThat(TestChannels.drainNow(ch.receiver())).isEqualTo(TestChannels.range(0, count));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void tryRecvOnAClosedAndDrainedChannelThrowsTheSameInstanceEveryTime(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        ch.sender().close();

        Throwable first = catchThrowable(ch.receiver()::tryRecv);
        Throwable second = catchThrowable(ch.receiver()::tryRecv);

        assertThat(first).isInstanceOf(ChannelClosedException.class).hasNoCause();
        assertThat(second).as("no allocation: the same instance").isSameAs(first);
        assertThat(first.getStackTrace()).as("no stack trace").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void tryRecvAfterFailThrowsTheSameInstanceCarryingTheCause(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        if (!flavor.isRendezvous()) {
            assertThat(ch.sender().trySend(1)).isEqualTo(SendStatus.SENT);
        }
        IllegalStateException cause = new IllegalStateException("upstream broke");
        ch.sender().fail(cause);

        if (!flavor.isRendezvous()) {
            assertThat(ch.receiver().tryRecv())
                    .as("buffered elements drain first")
                    .isEqualTo(1);
        }
        Throwable first = catchThrowable(ch.receiver()::tryRecv);
        Throwable second = catchThrowable(ch.receiver()::tryRecv);

        assertThat(first).isInstanceOf(ChannelClosedException.class);
        assertThat(first.getCause()).isSameAs(cause);
        assertThat(second).isSameAs(first);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void recvWaitsForAnElement(Flavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Worker<Integer> receiver =
                TestThreads.call("receiver", ch.receiver()::recv).awaitBlocked();

        ch.sender().send(7);

        assertThat(receiver.join()).isEqualTo(7);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void recvOnAClosedAndDrainedChannelThrowsClosed(Flavor flavor) {
        Channel<Integer> closed = flavor.create();
        closed.sender().close();
        Channel<Integer> failed = flavor.create();
        RuntimeException cause = new RuntimeException("cause");
        failed.sender().fail(cause);

        assertThatThrownBy(closed.receiver()::recv)
                .isInstanceOf(ChannelClosedException.class)
                .hasNoCause();
        assertThatThrownBy(failed.receiver()::recv)
                .isInstanceOf(ChannelClosedException.class)
                .hasCause(cause);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.BUFFERED)
    void isTerminatedOnlyOnceClosedAndDrained(Flavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Receiver<Integer> rx = ch.receiver();
        assertThat(ch.sender().trySend(1)).isEqualTo(SendStatus.SENT);
        assertThat(rx.isTerminated()).isFalse();

        ch.sender().close();
        assertThat(rx.isClosed()).isTrue();
        assertThat(rx.isTerminated()).as("an element is still buffered").isFalse();

        assertThat(rx.recv()).isEqualTo(1);
        assertThat(rx.isTerminated()).isTrue();
    }

    @Test
    void aClosedRendezvousChannelIsTerminatedAtOnce() {
        Channel<Integer> ch = Channel.rendezvous();
        ch.sender().close();

        assertThat(ch.receiver().isTerminated()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.BUFFERED)
    void iterationDrainsAClosedChannelAndThenEnds(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        int count = Math.min(flavor.capacity(), 5);
        for (int i = 0; i < count; i++) {
            assertThat(ch.sender().trySend(i)).isEqualTo(SendStatus.SENT);
        }
        ch.sender().close();

        List<Integer> received = new ArrayList<>();
        for (Integer element : ch.receiver()) {
            received.add(element);
        }

        assertThat(received).isEqualTo(TestChannels.range(0, count));
        Iterator<Integer> after = ch.receiver().iterator();
        assertThat(after.hasNext()).isFalse();
        assertThat(after.hasNext()).isFalse();
        assertThatThrownBy(after::next).isInstanceOf(NoSuchElementException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.BUFFERED)
    void iterationOverAFailedChannelThrowsTheCauseAfterTheBufferedElements(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        int count = Math.min(flavor.capacity(), 5);
        for (int i = 0; i < count; i++) {
            assertThat(ch.sender().trySend(i)).isEqualTo(SendStatus.SENT);
        }
        RuntimeException cause = new RuntimeException("cause");
        ch.sender().fail(cause);

        List<Integer> received = new ArrayList<>();
        Throwable thrown = catchThrowable(() -> ch.receiver().forEach(received::add));

        assertThat(received).isEqualTo(TestChannels.range(0, count));
        assertThat(thrown).isInstanceOf(ChannelClosedException.class).hasCause(cause);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.BUFFERED)
    void aStreamOfAClosedChannelEnds(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        int count = Math.min(flavor.capacity(), 5);
        for (int i = 0; i < count; i++) {
            assertThat(ch.sender().trySend(i)).isEqualTo(SendStatus.SENT);
        }
        ch.sender().close();

        assertThat(ch.receiver().stream().map(i -> i * 10).collect(Collectors.toList()))
                .isEqualTo(
                        TestChannels.range(0, count).stream().map(i -> i * 10).collect(Collectors.toList()));
        assertThat(ch.receiver().stream().count()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void streamLimitTakesOnlyTheElementsItNeeds(Flavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Worker<Void> producer = TestThreads.run("producer", () -> {
            for (int i = 0; i < 10; i++) {
                ch.sender().send(i);
            }
        });

        assertThat(ch.receiver().stream().limit(3).collect(Collectors.toList())).containsExactly(0, 1, 2);

        // Nothing beyond the limit was taken: the rest arrives in order.
        for (int i = 3; i < 10; i++) {
            assertThat(ch.receiver().recv()).isEqualTo(i);
        }
        producer.join();
        assertThat(ch.receiver().tryRecv()).isNull();
    }

    @Test
    void tryRecvAtARendezvousTakesFromAWaitingSender() throws Exception {
        Channel<Integer> ch = Channel.rendezvous();
        Worker<Void> sender =
                TestThreads.run("sender", () -> ch.sender().send(5)).awaitBlocked();

        assertThat(ch.receiver().tryRecv()).isEqualTo(5);

        sender.join();
        assertThat(ch.receiver().tryRecv()).isNull();
    }

    @Test
    void trySendAtARendezvousSucceedsOnlyWithAWaitingReceiver() throws Exception {
        Channel<Integer> ch = Channel.rendezvous();
        assertThat(ch.sender().trySend(4)).as("nobody waiting").isEqualTo(SendStatus.FULL);
        Worker<Integer> receiver =
                TestThreads.call("receiver", ch.receiver()::recv).awaitBlocked();

        assertThat(ch.sender().trySend(5)).isEqualTo(SendStatus.SENT);

        assertThat(receiver.join()).isEqualTo(5);
    }
}
