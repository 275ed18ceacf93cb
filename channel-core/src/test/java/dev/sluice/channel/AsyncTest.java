package dev.sluice.channel;

import static dev.sluice.channel.TestChannels.MARKER;
import static dev.sluice.channel.testing.TestThreads.await;
import static dev.sluice.channel.testing.TestThreads.awaitFailure;
import static java.util.concurrent.TimeUnit.NANOSECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.channel.testing.Flavors;
import dev.sluice.channel.testing.Flavors.Flavor;
import dev.sluice.channel.testing.Tally;
import dev.sluice.channel.testing.TestThreads;
import dev.sluice.channel.testing.TestThreads.Worker;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * S8: {@code sendAsync} / {@code recvAsync} complete without blocking a thread, in order, fail with
 * {@link ChannelClosedException} on close, and when cancelled before completing take nothing /
 * withdraw the element; {@code whenReceivable} / {@code whenSendable} callbacks run once, and not at
 * all once cancelled.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AsyncTest {

    private static final int ITERATIONS = 200;

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void sendAsyncAndRecvAsyncCompleteInOrder(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        int count = 20;
        List<CompletableFuture<Void>> sends = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sends.add(ch.sender().sendAsync(i).toCompletableFuture());
        }
        for (int i = 0; i < Math.min(count, flavor.capacity()); i++) {
            assertThat(sends.get(i)).as("send %d had room", i).isCompletedWithValue(null);
        }

        for (int i = 0; i < count; i++) {
            assertThat(await(ch.receiver().recvAsync())).isEqualTo(i);
        }

        sends.forEach(TestThreads::await);
        assertThat(ch.receiver().tryRecv()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void pendingRecvAsyncsCompleteAsElementsArrive(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        int count = 10;
        List<CompletableFuture<Integer>> receives = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            receives.add(ch.receiver().recvAsync().toCompletableFuture());
        }
        assertThat(receives).noneMatch(CompletableFuture::isDone);

        List<CompletionStage<Void>> sends = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sends.add(ch.sender().sendAsync(i));
        }

        List<Integer> received = new ArrayList<>();
        receives.forEach(r -> received.add(await(r)));
        assertThat(received).containsExactlyInAnyOrderElementsOf(TestChannels.range(0, count));
        sends.forEach(TestThreads::await);
    }

    @Test
    void asyncSendAndAsyncRecvMeetAtARendezvousFromEitherSide() {
        Channel<Integer> ch = Channel.rendezvous();

        CompletableFuture<Void> sendFirst = ch.sender().sendAsync(1).toCompletableFuture();
        assertThat(sendFirst).as("no receiver yet").isNotDone();
        assertThat(await(ch.receiver().recvAsync())).isEqualTo(1);
        await(sendFirst);

        CompletableFuture<Integer> receiveFirst = ch.receiver().recvAsync().toCompletableFuture();
        assertThat(receiveFirst).as("no sender yet").isNotDone();
        await(ch.sender().sendAsync(2));
        assertThat(await(receiveFirst)).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void recvAsyncCompletesExceptionallyWhenTheChannelCloses(Flavor flavor) {
        Channel<Integer> closed = flavor.create();
        CompletionStage<Integer> pending = closed.receiver().recvAsync();

        closed.sender().close();

        assertThat(awaitFailure(pending))
                .isInstanceOf(ChannelClosedException.class)
                .hasNoCause();
        assertThat(awaitFailure(closed.receiver().recvAsync())).isInstanceOf(ChannelClosedException.class);

        Channel<Integer> failed = flavor.create();
        CompletionStage<Integer> pendingOnFailed = failed.receiver().recvAsync();
        RuntimeException cause = new RuntimeException("cause");
        failed.sender().fail(cause);
        assertThat(awaitFailure(pendingOnFailed))
                .isInstanceOf(ChannelClosedException.class)
                .hasCause(cause);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.BLOCKING)
    void pendingSendAsyncCompletesExceptionallyWhenTheLastReceiverLeaves(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        TestChannels.fill(ch.sender(), flavor);
        CompletionStage<Void> pending = ch.sender().sendAsync(MARKER);

        ch.receiver().close();

        assertThat(awaitFailure(pending)).isInstanceOf(ChannelClosedException.class);
        assertThat(awaitFailure(ch.sender().sendAsync(1))).isInstanceOf(ChannelClosedException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void cancellingAPendingRecvAsyncTakesNothing(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        CompletableFuture<Integer> cancelled = ch.receiver().recvAsync().toCompletableFuture();
        assertThat(cancelled).isNotDone();

        assertThat(cancelled.cancel(true)).isTrue();

        if (flavor.isRendezvous()) {
            assertThat(ch.sender().trySend(5))
                    .as("the cancelled receive no longer waits")
                    .isEqualTo(SendStatus.FULL);
        }
        CompletionStage<Void> sent = ch.sender().sendAsync(5);
        assertThat(await(ch.receiver().recvAsync()))
                .as("the element went to the next receive")
                .isEqualTo(5);
        await(sent);
        assertThat(cancelled).isCancelled();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.BLOCKING)
    void cancellingAPendingSendAsyncWithdrawsTheElement(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        List<Integer> filled = TestChannels.fill(ch.sender(), flavor);
        CompletableFuture<Void> cancelled = ch.sender().sendAsync(MARKER).toCompletableFuture();
        assertThat(cancelled).isNotDone();

        assertThat(cancelled.cancel(true)).isTrue();

        assertThat(TestChannels.drainNow(ch.receiver()))
                .as("the withdrawn element is never received")
                .isEqualTo(filled);
        CompletableFuture<Integer> next = ch.receiver().recvAsync().toCompletableFuture();
        assertThat(next).isNotDone();
        await(ch.sender().sendAsync(6));
        assertThat(await(next)).isEqualTo(6);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void cancelRacingWithARecvAsyncEitherTakesTheElementOrLeavesIt(Flavor flavor) throws Exception {
        SplittableRandom random = new SplittableRandom(flavor.name().hashCode());
        for (int i = 0; i < ITERATIONS; i++) {
            Channel<Integer> ch = flavor.create();
            Receiver<Integer> rx = ch.receiver();
            CompletableFuture<Integer> receive = rx.recvAsync().toCompletableFuture();
            Worker<Void> sender = TestThreads.run("sender", () -> ch.sender().send(42));

            TestThreads.spin(random.nextInt(20_000));
            boolean cancelled = receive.cancel(true);

            if (cancelled) {
                assertThat(rx.recv(TestThreads.GUARD))
                        .as("iteration %d: the cancelled receive left the element", i)
                        .isEqualTo(42);
            } else {
                assertThat(await(receive)).isEqualTo(42);
            }
            sender.join();
            assertThat(rx.tryRecv()).as("iteration %d: taken exactly once", i).isNull();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.BLOCKING)
    void cancelRacingWithASendAsyncEitherDeliversOnceOrNotAtAll(Flavor flavor) throws Exception {
        SplittableRandom random = new SplittableRandom(flavor.name().hashCode());
        for (int i = 0; i < ITERATIONS; i++) {
            Channel<Integer> ch = flavor.create();
            Sender<Integer> tx = ch.sender();
            List<Integer> filled = TestChannels.fill(tx, flavor);
            CompletableFuture<Void> send = tx.sendAsync(MARKER).toCompletableFuture();
            Worker<List<Integer>> consumer =
                    TestThreads.call("consumer", () -> TestChannels.receiveUntilEnd(ch.receiver()));

            TestThreads.spin(random.nextInt(20_000));
            boolean cancelled = send.cancel(true);
            if (!cancelled) {
                await(send);
            }
            TestChannels.assertMarkerDeliveredIffAccepted(
                    tx, consumer, filled, !cancelled, "iteration " + i + ", cancelled: " + cancelled);
        }
    }

    /**
     * Producers keep up to 16 sends in flight, consumers take one {@code recvAsync} at a time; on a
     * rendezvous channel both sides are asynchronous and must still meet.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void manyConcurrentAsyncSendersAndReceiversLoseNothing(Flavor flavor) throws Exception {
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
            producerWorkers.add(TestThreads.run("producer-" + p, () -> {
                try (Sender<Long> mine = tx) {
                    TestThreads.await(start);
                    ArrayDeque<CompletionStage<Void>> inFlight = new ArrayDeque<>();
                    for (int seq = 0; seq < perProducer; seq++) {
                        inFlight.add(mine.sendAsync(Tally.tag(id, seq)));
                        if (inFlight.size() >= 16) {
                            await(inFlight.poll());
                        }
                    }
                    while (!inFlight.isEmpty()) {
                        await(inFlight.poll());
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
                    TestThreads.await(start);
                    while (true) {
                        try {
                            log.add(mine.recvAsync()
                                    .toCompletableFuture()
                                    .get(TestThreads.GUARD.toNanos(), NANOSECONDS));
                        } catch (ExecutionException failed) {
                            assertThat(failed.getCause()).isInstanceOf(ChannelClosedException.class);
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

    /** Makes an element available: buffered at once, or offered by a pending sendAsync at a rendezvous. */
    private static CompletionStage<Void> offer(Flavor flavor, Sender<Integer> tx, int element) {
        if (flavor.isRendezvous()) {
            return tx.sendAsync(element);
        }
        assertThat(tx.trySend(element)).isEqualTo(SendStatus.SENT);
        return CompletableFuture.completedFuture(null);
    }

    /** A callback that counts its runs and opens a latch. */
    private static final class Callback implements Runnable {
        final AtomicInteger runs = new AtomicInteger();
        final CountDownLatch ran = new CountDownLatch(1);

        @Override
        public void run() {
            runs.incrementAndGet();
            ran.countDown();
        }

        /**
         * Waits for the callback. It runs on the thread that makes the channel ready, usually the
         * test thread itself, so a few seconds is a generous guard.
         */
        void awaitRun() {
            try {
                assertThat(ran.await(5, TimeUnit.SECONDS))
                        .as("the readiness callback ran within 5 s")
                        .isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void whenReceivableRunsOnceWhenAnElementMayBeAvailable(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        Callback callback = new Callback();

        Readiness registration = ch.receiver().whenReceivable(callback);
        assertThat(callback.runs).as("empty and open: nothing to report").hasValue(0);

        CompletionStage<Void> first = offer(flavor, ch.sender(), 1);
        callback.awaitRun();
        assertThat(ch.receiver().tryRecv()).isEqualTo(1);
        await(first);
        CompletionStage<Void> second = offer(flavor, ch.sender(), 2);

        assertThat(callback.runs).as("one-shot").hasValue(1);
        assertThat(registration.cancel()).as("it already ran").isFalse();
        assertThat(ch.receiver().tryRecv()).isEqualTo(2);
        await(second);
        assertThat(callback.runs).hasValue(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.BUFFERED)
    void whenReceivableOnANonEmptyChannelRuns(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        assertThat(ch.sender().trySend(1)).isEqualTo(SendStatus.SENT);
        Callback callback = new Callback();

        ch.receiver().whenReceivable(callback);

        callback.awaitRun();
        assertThat(ch.receiver().tryRecv()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void whenReceivableRunsWhenTheChannelCloses(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        Callback callback = new Callback();
        ch.receiver().whenReceivable(callback);

        ch.sender().close();

        callback.awaitRun();
        assertThat(callback.runs).hasValue(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void aCancelledWhenReceivableNeverRuns(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        Callback callback = new Callback();
        Readiness registration = ch.receiver().whenReceivable(callback);

        assertThat(registration.cancel()).isTrue();
        assertThat(registration.cancel())
                .as("idempotent: nothing left to withdraw")
                .isFalse();
        CompletionStage<Void> offered = offer(flavor, ch.sender(), 1);
        assertThat(ch.receiver().tryRecv()).isEqualTo(1);
        await(offered);
        ch.sender().close();

        assertThat(callback.runs).hasValue(0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.BLOCKING)
    void whenSendableRunsOnceWhenASlotMayBeFree(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        List<Integer> filled = TestChannels.fill(ch.sender(), flavor);
        Callback callback = new Callback();

        Readiness registration = ch.sender().whenSendable(callback);
        assertThat(callback.runs).as("full: nothing to report").hasValue(0);

        // A rendezvous "slot" is a waiting receiver.
        CompletableFuture<Integer> waiting = null;
        if (flavor.isRendezvous()) {
            waiting = ch.receiver().recvAsync().toCompletableFuture();
        } else {
            assertThat(ch.receiver().tryRecv()).isEqualTo(filled.get(0));
        }
        callback.awaitRun();

        assertThat(ch.sender().trySend(MARKER)).isEqualTo(SendStatus.SENT);
        assertThat(registration.cancel()).as("it already ran").isFalse();
        assertThat(callback.runs).hasValue(1);
        if (waiting != null) {
            assertThat(await(waiting)).isEqualTo(MARKER);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.BUFFERED)
    void whenSendableOnAChannelWithRoomRuns(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        Callback callback = new Callback();

        ch.sender().whenSendable(callback);

        callback.awaitRun();
        assertThat(ch.sender().trySend(1)).isEqualTo(SendStatus.SENT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.BLOCKING)
    void whenSendableRunsWhenTheChannelCloses(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        TestChannels.fill(ch.sender(), flavor);
        Callback callback = new Callback();
        ch.sender().whenSendable(callback);

        ch.receiver().close();

        callback.awaitRun();
        assertThat(ch.sender().trySend(1)).isEqualTo(SendStatus.CLOSED);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.BLOCKING)
    void aCancelledWhenSendableNeverRuns(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        List<Integer> filled = TestChannels.fill(ch.sender(), flavor);
        Callback callback = new Callback();
        Readiness registration = ch.sender().whenSendable(callback);

        assertThat(registration.cancel()).isTrue();
        if (flavor.isRendezvous()) {
            ch.receiver().recvAsync();
        } else {
            assertThat(TestChannels.drainNow(ch.receiver())).isEqualTo(filled);
        }
        ch.receiver().close();

        assertThat(callback.runs).hasValue(0);
    }

    /**
     * Readiness hands a wake-up to one waiter at a time; a waiter that was woken and then cancels
     * passes the wake-up on, so the other registrant is woken and the element is not stranded.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void aFiredWakeUpThatIsCancelledPassesToTheNextWaiter(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        Callback a = new Callback();
        Callback b = new Callback();
        Readiness registrationA = ch.receiver().whenReceivable(a);
        Readiness registrationB = ch.receiver().whenReceivable(b);

        CompletionStage<Void> offered = offer(flavor, ch.sender(), 1);
        TestThreads.awaitTrue(() -> a.runs.get() + b.runs.get() > 0, "a registrant is woken");
        if (a.runs.get() == 0) {
            assertThat(registrationB.cancel()).isFalse();
            a.awaitRun();
        } else if (b.runs.get() == 0) {
            assertThat(registrationA.cancel()).isFalse();
            b.awaitRun();
        }

        assertThat(a.runs).hasValue(1);
        assertThat(b.runs).hasValue(1);
        assertThat(ch.receiver().tryRecv()).isEqualTo(1);
        await(offered);
    }
}
