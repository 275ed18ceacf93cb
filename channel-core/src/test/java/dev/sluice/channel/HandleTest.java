package dev.sluice.channel;

import static dev.sluice.channel.testing.TestThreads.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.sluice.channel.testing.Flavors;
import dev.sluice.channel.testing.Flavors.Flavor;
import dev.sluice.channel.testing.TestThreads;
import dev.sluice.channel.testing.TestThreads.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * S4, S10: sender and receiver handles are counted; {@code clone()} adds one, {@code close()}
 * removes that one only (once); a closed handle refuses every use; the last close of either side
 * closes the channel.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HandleTest {

    private static final int MARKER = -1;

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void aNewChannelHasOneOpenSenderAndOneOpenReceiver(Flavor flavor) {
        Channel<Integer> ch = flavor.create();

        assertCounts(ch, 1, 1);
        assertThat(ch.sender().isHandleClosed()).isFalse();
        assertThat(ch.receiver().isHandleClosed()).isFalse();
        assertThat(ch.isClosed()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void senderAndReceiverReturnTheSameHandleEveryTime(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();
        Receiver<Integer> rx = ch.receiver();

        assertThat(ch.sender()).isSameAs(tx);
        assertThat(ch.receiver()).isSameAs(rx);
        tx.close();
        rx.close();
        assertThat(ch.sender()).isSameAs(tx);
        assertThat(ch.receiver()).isSameAs(rx);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.MULTI_PRODUCER)
    void cloningAndClosingSendersIsCountedOncePerHandle(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> first = ch.sender();

        Sender<Integer> second = first.clone();
        Sender<Integer> third = second.clone();
        assertThat(second).isNotSameAs(first).isNotSameAs(third);
        assertCounts(ch, 3, 1);

        second.close();
        second.close();
        assertThat(second.isHandleClosed()).isTrue();
        assertThat(first.isHandleClosed()).isFalse();
        assertCounts(ch, 2, 1);

        first.close();
        assertCounts(ch, 1, 1);
        assertThat(ch.isClosed()).as("one sender is still open").isFalse();

        third.close();
        assertCounts(ch, 0, 1);
        assertThat(ch.isClosed()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.MULTI_CONSUMER)
    void cloningAndClosingReceiversIsCountedOncePerHandle(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        Receiver<Integer> first = ch.receiver();

        Receiver<Integer> second = first.clone();
        Receiver<Integer> third = second.clone();
        assertCounts(ch, 1, 3);

        second.close();
        second.close();
        assertCounts(ch, 1, 2);

        first.close();
        assertCounts(ch, 1, 1);
        assertThat(ch.isClosed()).as("one receiver is still open").isFalse();

        third.close();
        assertCounts(ch, 1, 0);
        assertThat(ch.isClosed()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void closeIsIdempotent(Flavor flavor) {
        Channel<Integer> ch = flavor.create();

        ch.sender().close();
        ch.sender().close();
        ch.receiver().close();
        ch.receiver().close();

        assertCounts(ch, 0, 0);
        assertThat(ch.isClosed()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.MULTI_PRODUCER)
    void aSenderCloseThatIsNotTheLastLeavesTheChannelOpen(Flavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> other = ch.sender().clone();

        ch.sender().close();

        assertThat(ch.isClosed()).isFalse();
        Worker<Integer> receiver = TestThreads.call("receiver", ch.receiver()::recv);
        other.send(5);
        assertThat(receiver.join()).isEqualTo(5);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.MULTI_CONSUMER)
    void aReceiverCloseThatIsNotTheLastLeavesTheChannelOpen(Flavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Receiver<Integer> other = ch.receiver().clone();

        ch.receiver().close();

        assertThat(ch.isClosed()).isFalse();
        Worker<Integer> receiver = TestThreads.call("receiver", other::recv);
        ch.sender().send(5);
        assertThat(receiver.join()).isEqualTo(5);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void aClosedSenderRefusesEveryUse(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        // Where allowed, another sender keeps the channel open, so the refusal is about the handle.
        Sender<Integer> keepsItOpen =
                flavor.singleProducer() ? null : ch.sender().clone();
        Sender<Integer> tx = ch.sender();

        tx.close();

        assertThat(tx.isHandleClosed()).isTrue();
        List<ThrowingCallable> uses = new ArrayList<>(List.<ThrowingCallable>of(
                () -> tx.send(1),
                () -> tx.send(1, Duration.ofSeconds(1)),
                () -> tx.trySend(1),
                () -> tx.whenSendable(() -> {}),
                tx::clone,
                () -> tx.fail(new RuntimeException("via a closed handle"))));
        if (!flavor.isRendezvous()) {
            uses.add(tx::reserve);
            uses.add(() -> tx.tryReserve(1));
        }
        for (ThrowingCallable use : uses) {
            assertThat(catchThrowable(use)).isInstanceOf(IllegalStateException.class);
        }
        assertThat(TestChannels.failureOf(() -> tx.sendAsync(1))).isInstanceOf(IllegalStateException.class);
        if (keepsItOpen != null) {
            assertThat(ch.isClosed()).as("the refused fail() closed nothing").isFalse();
            assertThat(ch.receiver().tryRecv()).as("nothing was sent").isNull();
            assertCounts(ch, 1, 1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void aClosedReceiverRefusesEveryUse(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        Receiver<Integer> keepsItOpen =
                flavor.singleConsumer() ? null : ch.receiver().clone();
        Receiver<Integer> rx = ch.receiver();
        if (!flavor.isRendezvous()) {
            assertThat(ch.sender().trySend(1)).isEqualTo(SendStatus.SENT);
        }

        rx.close();

        assertThat(rx.isHandleClosed()).isTrue();
        List<ThrowingCallable> uses = List.<ThrowingCallable>of(
                rx::recv,
                () -> rx.recv(Duration.ofSeconds(1)),
                rx::tryRecv,
                () -> rx.whenReceivable(() -> {}),
                rx::clone,
                () -> rx.iterator().hasNext(),
                () -> rx.stream().findFirst());
        for (ThrowingCallable use : uses) {
            assertThat(catchThrowable(use)).isInstanceOf(IllegalStateException.class);
        }
        assertThat(TestChannels.failureOf(rx::recvAsync)).isInstanceOf(IllegalStateException.class);
        if (keepsItOpen != null && !flavor.isRendezvous()) {
            assertThat(keepsItOpen.tryRecv())
                    .as("the refused uses took nothing")
                    .isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.BLOCKING)
    void lastReceiverCloseFailsABlockedSendAndEveryLaterOne(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();
        TestChannels.fill(tx, flavor);
        Worker<Void> sender = TestThreads.run("sender", () -> tx.send(MARKER)).awaitBlocked();

        ch.receiver().close();

        assertThat(sender.joinFailure()).isInstanceOf(ChannelClosedException.class);
        assertSendsFailClosed(ch);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void lastReceiverCloseDiscardsTheBufferAndFailsEveryLaterSend(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        if (!flavor.isRendezvous()) {
            assertThat(ch.sender().trySend(1)).isEqualTo(SendStatus.SENT);
        }

        ch.receiver().close();

        assertThat(ch.size()).as("buffered elements are discarded").isZero();
        assertSendsFailClosed(ch);
    }

    private static void assertSendsFailClosed(Channel<Integer> ch) {
        Sender<Integer> tx = ch.sender();
        assertThat(ch.isClosed()).isTrue();
        assertThat(tx.isClosed()).isTrue();
        assertThat(tx.trySend(2)).isEqualTo(SendStatus.CLOSED);
        assertThatThrownBy(() -> tx.send(2)).isInstanceOf(ChannelClosedException.class);
        assertThatThrownBy(() -> tx.send(2, Duration.ofSeconds(1))).isInstanceOf(ChannelClosedException.class);
        assertThat(tx.isHandleClosed())
                .as("the sender handle itself stays open")
                .isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.SINGLE_PRODUCER)
    void aSingleProducerSenderRefusesToClone(Flavor flavor) {
        Channel<Integer> ch = flavor.create();

        assertThatThrownBy(ch.sender()::clone).isInstanceOf(IllegalStateException.class);

        assertCounts(ch, 1, 1);
        assertThat(ch.sender().trySend(1)).as("the sender still works").isEqualTo(SendStatus.SENT);
        assertThat(ch.receiver().tryRecv()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.SINGLE_CONSUMER)
    void aSingleConsumerReceiverRefusesToClone(Flavor flavor) {
        Channel<Integer> ch = flavor.create();

        assertThatThrownBy(ch.receiver()::clone).isInstanceOf(IllegalStateException.class);

        assertCounts(ch, 1, 1);
        assertThat(ch.sender().trySend(1)).isEqualTo(SendStatus.SENT);
        assertThat(ch.receiver().tryRecv()).as("the receiver still works").isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.MULTI_PRODUCER)
    void failReportsWhetherItClosedTheChannelAndClosesItsHandle(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> failing = ch.sender().clone();
        RuntimeException first = new RuntimeException("first");

        assertThat(failing.fail(first)).isTrue();

        assertThat(failing.isHandleClosed()).isTrue();
        assertCounts(ch, 1, 1);
        assertThat(ch.isClosed()).isTrue();
        assertThat(ch.sender().fail(new RuntimeException("second"))).isFalse();
        assertThatThrownBy(ch.receiver()::recv)
                .isInstanceOf(ChannelClosedException.class)
                .hasCause(first);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void failAfterTheLastReceiverLeftReportsAlreadyClosed(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        ch.receiver().close();

        assertThat(ch.sender().fail(new RuntimeException("late"))).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void concurrentClonesAndClosesKeepExactCounts(Flavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        int threads = 4;
        int rounds = 10_000;
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Worker<Void>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(TestThreads.run("cloner-" + t, () -> {
                await(start);
                for (int i = 0; i < rounds; i++) {
                    if (!flavor.singleProducer()) {
                        ch.sender().clone().close();
                    }
                    if (!flavor.singleConsumer()) {
                        ch.receiver().clone().close();
                    }
                }
            }));
        }

        TestThreads.joinAll(workers);

        assertCounts(ch, 1, 1);
        assertThat(ch.isClosed()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.MULTI_PRODUCER)
    void concurrentLastSenderClosesCloseTheChannelAndWakeTheReceiver(Flavor flavor) throws Exception {
        for (int iteration = 0; iteration < 200; iteration++) {
            Channel<Integer> ch = flavor.create();
            int senders = 4;
            CyclicBarrier start = new CyclicBarrier(senders);
            List<Worker<Void>> closers = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                Sender<Integer> mine = ch.sender().clone();
                closers.add(TestThreads.run("closer-" + s, () -> {
                    await(start);
                    mine.close();
                }));
            }
            Worker<Integer> receiver = TestThreads.call("receiver", ch.receiver()::recv);
            ch.sender().close();

            TestThreads.joinAll(closers);

            assertThat(receiver.joinFailure()).isInstanceOf(ChannelClosedException.class);
            assertCounts(ch, 0, 1);
            assertThat(ch.isClosed()).isTrue();
        }
    }

    /** The counts agree from the channel and from both first handles. */
    private static void assertCounts(Channel<?> ch, int senders, int receivers) {
        assertThat(ch.senderCount()).as("senderCount").isEqualTo(senders);
        assertThat(ch.receiverCount()).as("receiverCount").isEqualTo(receivers);
        if (!ch.receiver().isHandleClosed()) {
            assertThat(ch.receiver().senderCount()).as("receiver's senderCount").isEqualTo(senders);
            assertThat(ch.receiver().receiverCount())
                    .as("receiver's receiverCount")
                    .isEqualTo(receivers);
        }
        if (!ch.sender().isHandleClosed()) {
            assertThat(ch.sender().senderCount()).as("sender's senderCount").isEqualTo(senders);
            assertThat(ch.sender().receiverCount()).as("sender's receiverCount").isEqualTo(receivers);
        }
    }
}
