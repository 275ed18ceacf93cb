package dev.sluice.channel;

import static dev.sluice.channel.testing.TestThreads.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.channel.testing.Flavors;
import dev.sluice.channel.testing.Flavors.Flavor;
import dev.sluice.channel.testing.Tally;
import dev.sluice.channel.testing.TestThreads;
import dev.sluice.channel.testing.TestThreads.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * R1-R3: a {@link Receiver} is a Reactive Streams {@code Publisher}. Its subscription takes an
 * element out of the channel only against unmet demand, so whatever is not requested keeps counting
 * against the capacity; completion, error and cancel close the subscribed handle; a handle takes
 * one subscriber; {@code onComplete} / {@code onError(cause)} follow the drain.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PublisherTest {

    private static final int MARKER = -1;

    static Stream<Flavor> rendezvous() {
        return Flavors.all().filter(Flavor::isRendezvous);
    }

    /** Flavors with a buffer that more than one receiver may share. */
    static Stream<Flavor> multiConsumerBuffered() {
        return Flavors.multiConsumer().filter(flavor -> !flavor.isRendezvous());
    }

    // ---- R1: demand maps to the channel ------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.BLOCKING)
    void aSubscriberThatRequestedNothingLeavesExactlyTheCapacityToSenders(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        RecordingSubscriber<Integer> subscriber = new RecordingSubscriber<>();
        ch.receiver().subscribe(subscriber);
        assertThat(subscriber.isSubscribed()).isTrue();

        TestChannels.fill(ch.sender(), flavor); // exactly C times SENT, then FULL

        assertThat(ch.sender().trySend(MARKER)).isEqualTo(SendStatus.FULL);
        assertThat(ch.size()).isEqualTo(flavor.capacity());
        assertThat(subscriber.values()).as("nothing was requested").isEmpty();
        subscriber.assertNotTerminated().assertNoViolations();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.BOUNDED)
    void subscribingToAFullChannelTakesNothingUntilRequested(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        TestChannels.fill(ch.sender(), flavor);

        RecordingSubscriber<Integer> subscriber = new RecordingSubscriber<>();
        ch.receiver().subscribe(subscriber);

        assertThat(ch.sender().trySend(MARKER)).isEqualTo(SendStatus.FULL);
        assertThat(ch.size()).isEqualTo(flavor.capacity());
        assertThat(subscriber.values()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.BOUNDED)
    void eachRequestTakesExactlyThatManyElementsAndFreesExactlyThatManySlots(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();
        int capacity = flavor.capacity();
        List<Integer> expected = new ArrayList<>(TestChannels.fill(tx, flavor));
        RecordingSubscriber<Integer> subscriber = new RecordingSubscriber<>();
        ch.receiver().subscribe(subscriber);
        int next = capacity;

        for (int k : new int[] {1, Math.max(1, capacity / 2), capacity}) {
            int before = subscriber.valueCount();
            subscriber.request(k);

            assertThat(subscriber.values()).as("after request(%d)", k).isEqualTo(expected.subList(0, before + k));
            for (int i = 0; i < k; i++) {
                assertThat(tx.trySend(next))
                        .as("send %d of %d freed slots", i + 1, k)
                        .isEqualTo(SendStatus.SENT);
                expected.add(next++);
            }
            assertThat(tx.trySend(MARKER))
                    .as("all %d freed slots are used again", k)
                    .isEqualTo(SendStatus.FULL);
            assertThat(ch.size()).isEqualTo(capacity);
        }
        subscriber.assertNotTerminated().assertNoViolations();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.BUFFERED)
    void aRequestTakesExactlyThatManyOfTheBufferedElements(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        int buffered = Math.min(flavor.capacity(), 10);
        for (int i = 0; i < buffered; i++) {
            assertThat(ch.sender().trySend(i)).isEqualTo(SendStatus.SENT);
        }
        RecordingSubscriber<Integer> subscriber = new RecordingSubscriber<>();
        ch.receiver().subscribe(subscriber);
        int k = Math.max(1, buffered / 2);

        subscriber.request(k);

        assertThat(subscriber.values()).isEqualTo(TestChannels.range(0, k));
        assertThat(ch.size()).isEqualTo(buffered - k);
        subscriber.request(buffered);
        assertThat(subscriber.values()).isEqualTo(TestChannels.range(0, buffered));
        assertThat(ch.size()).isZero();
        subscriber.assertNotTerminated().assertNoViolations();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rendezvous")
    void eachRequestReleasesExactlyThatManyBlockedSendsOfARendezvous(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        RecordingSubscriber<Integer> subscriber = new RecordingSubscriber<>();
        ch.receiver().subscribe(subscriber);
        Worker<Void> producer = TestThreads.run("producer", () -> {
            for (int i = 0; ; i++) {
                ch.sender().send(i);
            }
        });
        producer.awaitBlocked();
        assertThat(subscriber.values()).isEmpty();

        subscriber.request(3);
        subscriber.awaitValues(3);
        producer.awaitBlocked(); // in send(3): no demand left

        assertThat(subscriber.values()).isEqualTo(TestChannels.range(0, 3));
        subscriber.request(2);
        subscriber.awaitValues(5);
        producer.awaitBlocked();
        assertThat(subscriber.values()).isEqualTo(TestChannels.range(0, 5));

        subscriber.cancel();
        assertThat(producer.joinFailure()).isInstanceOf(ChannelClosedException.class);
        subscriber.assertNoViolations();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.BLOCKING)
    void aProducerBlockedOnAFullChannelIsReleasedByARequest(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        List<Integer> buffered = TestChannels.fill(ch.sender(), flavor);
        RecordingSubscriber<Integer> subscriber = new RecordingSubscriber<>();
        ch.receiver().subscribe(subscriber);
        Worker<Void> producer =
                TestThreads.run("producer", () -> ch.sender().send(MARKER)).awaitBlocked();

        subscriber.request(1);

        producer.join();
        List<Integer> expected = new ArrayList<>(buffered);
        expected.add(MARKER);
        assertThat(subscriber.values()).isEqualTo(expected.subList(0, 1));
        assertThat(ch.size()).as("the released send took the freed slot").isEqualTo(flavor.capacity());
        subscriber.request(Long.MAX_VALUE);
        assertThat(subscriber.values()).isEqualTo(expected);
        subscriber.assertNotTerminated().assertNoViolations();
    }

    // ---- R2: cancel closes the handle ------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.BLOCKING)
    void cancellingTheLastReceiversSubscriptionFailsABlockedSend(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        TestChannels.fill(ch.sender(), flavor);
        RecordingSubscriber<Integer> subscriber = new RecordingSubscriber<>();
        ch.receiver().subscribe(subscriber);
        Worker<Void> producer =
                TestThreads.run("producer", () -> ch.sender().send(MARKER)).awaitBlocked();

        subscriber.cancel();

        assertThat(producer.joinFailure()).isInstanceOf(ChannelClosedException.class);
        assertThat(ch.sender().trySend(MARKER)).isEqualTo(SendStatus.CLOSED);
        assertThat(ch.receiver().isHandleClosed()).isTrue();
        assertThat(ch.receiverCount()).isZero();
        subscriber.assertNotTerminated().assertNoViolations();
        assertThat(subscriber.values()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void cancelClosesTheHandleAndNothingIsDeliveredAfterIt(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        RecordingSubscriber<Integer> subscriber = new RecordingSubscriber<>();
        ch.receiver().subscribe(subscriber);
        int buffered = flavor.isRendezvous() ? 0 : Math.min(flavor.capacity(), 5);
        for (int i = 0; i < buffered; i++) {
            assertThat(ch.sender().trySend(i)).isEqualTo(SendStatus.SENT);
        }

        subscriber.cancel();
        subscriber.request(10);

        assertThat(subscriber.values()).isEmpty();
        subscriber.assertNotTerminated().assertNoViolations();
        assertThat(ch.receiver().isHandleClosed()).isTrue();
        assertThat(ch.receiverCount()).isZero();
        assertThat(ch.isClosed()).isTrue();
        assertThat(ch.sender().trySend(MARKER)).isEqualTo(SendStatus.CLOSED);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.MULTI_CONSUMER)
    void cancellingOneOfTwoSubscriptionsLeavesTheChannelOpen(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        Receiver<Integer> other = ch.receiver().clone();
        RecordingSubscriber<Integer> first = new RecordingSubscriber<>();
        RecordingSubscriber<Integer> second = new RecordingSubscriber<>();
        ch.receiver().subscribe(first);
        other.subscribe(second);
        assertThat(ch.receiverCount()).isEqualTo(2);

        first.cancel();

        assertThat(ch.receiver().isHandleClosed()).isTrue();
        assertThat(other.isHandleClosed()).isFalse();
        assertThat(ch.receiverCount()).isEqualTo(1);
        assertThat(ch.isClosed()).isFalse();
        Worker<Void> producer = TestThreads.run("producer", () -> ch.sender().send(7));
        second.request(1);
        producer.join();
        assertThat(second.values()).containsExactly(7);
        assertThat(first.values()).isEmpty();
        first.assertNoViolations();
        second.assertNoViolations();
    }

    // ---- R3: completion and failure after the drain -----------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.BUFFERED)
    void closingTheLastSenderCompletesOnlyAfterEveryBufferedElementWasRequestedAndDelivered(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        int buffered = Math.min(flavor.capacity(), 10);
        for (int i = 0; i < buffered; i++) {
            assertThat(ch.sender().trySend(i)).isEqualTo(SendStatus.SENT);
        }
        RecordingSubscriber<Integer> subscriber = new RecordingSubscriber<>();
        ch.receiver().subscribe(subscriber);

        ch.sender().close();
        subscriber.assertNotTerminated();
        if (buffered > 1) {
            subscriber.request(buffered - 1);
        }
        assertThat(subscriber.values()).isEqualTo(TestChannels.range(0, buffered - 1));
        subscriber.assertNotTerminated();

        subscriber.request(1); // demand and buffer run out together: complete with zero demand

        assertThat(subscriber.values()).isEqualTo(TestChannels.range(0, buffered));
        subscriber.assertCompletedOnce();
        subscriber.request(5);
        subscriber.assertCompletedOnce();
        assertThat(ch.receiver().isHandleClosed())
                .as("completion closes the handle")
                .isTrue();
        assertThat(ch.receiverCount()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void closingEverySenderCompletesASubscriberWithDemandOutstandingAfterTheLastElement(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        int count = 10;
        RecordingSubscriber<Integer> subscriber = new RecordingSubscriber<>(Long.MAX_VALUE);
        ch.receiver().subscribe(subscriber);
        Sender<Integer> other = flavor.singleProducer() ? null : ch.sender().clone();

        Worker<Void> producer = TestThreads.run("producer", () -> {
            for (int i = 0; i < count; i++) {
                ch.sender().send(i);
            }
            ch.sender().close();
        });
        producer.join();

        if (other != null) {
            subscriber.awaitValues(count);
            subscriber.assertNotTerminated(); // one sender is still open
            other.close();
        }
        subscriber.awaitTerminated();
        assertThat(subscriber.values()).isEqualTo(TestChannels.range(0, count));
        subscriber.assertCompletedOnce();
        assertThat(ch.receiver().isHandleClosed()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void anEmptyClosedChannelCompletesASubscriberThatRequestedNothing(Flavor flavor) {
        Channel<Integer> closedFirst = flavor.create();
        closedFirst.sender().close();
        RecordingSubscriber<Integer> late = new RecordingSubscriber<>();
        closedFirst.receiver().subscribe(late);

        Channel<Integer> subscribedFirst = flavor.create();
        RecordingSubscriber<Integer> early = new RecordingSubscriber<>();
        subscribedFirst.receiver().subscribe(early);
        early.assertNotTerminated();
        subscribedFirst.sender().close();

        for (RecordingSubscriber<Integer> subscriber : List.of(late, early)) {
            subscriber.awaitTerminated().assertCompletedOnce();
            assertThat(subscriber.values()).isEmpty();
        }
        assertThat(closedFirst.receiver().isHandleClosed()).isTrue();
        assertThat(subscribedFirst.receiver().isHandleClosed()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void failSignalsOnErrorWithTheCauseAfterTheBufferedElements(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        RecordingSubscriber<Integer> subscriber = new RecordingSubscriber<>();
        ch.receiver().subscribe(subscriber);
        int buffered = flavor.isRendezvous() ? 0 : Math.min(flavor.capacity(), 10);
        for (int i = 0; i < buffered; i++) {
            assertThat(ch.sender().trySend(i)).isEqualTo(SendStatus.SENT);
        }
        RuntimeException cause = new RuntimeException("upstream broke");

        assertThat(ch.sender().fail(cause)).isTrue();

        if (buffered > 0) {
            subscriber.assertNotTerminated();
            if (buffered > 1) {
                subscriber.request(buffered - 1);
            }
            subscriber.assertNotTerminated();
            subscriber.request(1);
        }
        subscriber.awaitTerminated().assertFailedOnce();
        assertThat(subscriber.error()).isSameAs(cause);
        assertThat(subscriber.values()).isEqualTo(TestChannels.range(0, buffered));
        assertThat(ch.receiver().isHandleClosed())
                .as("an error closes the handle")
                .isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void subscribingToAFailedAndDrainedChannelSignalsTheCause(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        IllegalStateException cause = new IllegalStateException("failed before anyone subscribed");
        ch.sender().fail(cause);

        RecordingSubscriber<Integer> subscriber = new RecordingSubscriber<>();
        ch.receiver().subscribe(subscriber);

        subscriber.awaitTerminated().assertFailedOnce();
        assertThat(subscriber.error()).isSameAs(cause);
    }

    // ---- §3.9: non-positive requests ---------------------------------------------------------------

    static Stream<Arguments> flavorsAndNonPositiveRequests() {
        return Flavors.all()
                .flatMap(flavor -> Stream.of(0L, -1L, -5L, Long.MIN_VALUE).map(n -> Arguments.of(flavor, n)));
    }

    @ParameterizedTest(name = "{0}: request({1})")
    @MethodSource("flavorsAndNonPositiveRequests")
    void aNonPositiveRequestSignalsIllegalArgumentExceptionAndEndsTheSubscription(Flavor flavor, long n) {
        Channel<Integer> ch = flavor.create();
        RecordingSubscriber<Integer> subscriber = new RecordingSubscriber<>();
        ch.receiver().subscribe(subscriber);
        int buffered = flavor.isRendezvous() ? 0 : Math.min(flavor.capacity(), 5);
        for (int i = 0; i < buffered; i++) {
            assertThat(ch.sender().trySend(i)).isEqualTo(SendStatus.SENT);
        }
        Worker<Void> producer = null;
        if (buffered > 0) {
            subscriber.request(1);
            assertThat(subscriber.values()).containsExactly(0);
        } else {
            producer =
                    TestThreads.run("producer", () -> ch.sender().send(MARKER)).awaitBlocked();
        }

        subscriber.request(n);

        subscriber.awaitTerminated().assertFailedOnce();
        assertThat(subscriber.error())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("§3.9")
                .hasMessageContaining(Long.toString(n));
        subscriber.request(10);
        assertThat(subscriber.values())
                .as("nothing after the error")
                .isEqualTo(TestChannels.range(0, Math.min(1, buffered)));
        subscriber.assertFailedOnce();
        assertThat(ch.receiver().isHandleClosed()).isTrue();
        assertThat(ch.receiverCount()).isZero();
        assertThat(ch.sender().trySend(MARKER)).isEqualTo(SendStatus.CLOSED);
        if (producer != null) {
            assertThat(producer.joinFailure()).isInstanceOf(ChannelClosedException.class);
        }
    }

    // ---- R2: one subscriber per handle -------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void aSecondSubscribeToTheSameHandleGetsOnSubscribeThenIllegalStateException(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        RecordingSubscriber<Integer> first = new RecordingSubscriber<>();
        RecordingSubscriber<Integer> second = new RecordingSubscriber<>();
        ch.receiver().subscribe(first);

        ch.receiver().subscribe(second);

        assertThat(second.isSubscribed()).as("onSubscribe came first (§1.9)").isTrue();
        second.awaitTerminated().assertFailedOnce();
        assertThat(second.error()).isInstanceOf(IllegalStateException.class);
        second.request(1); // the refusal's subscription does nothing
        assertThat(second.values()).isEmpty();

        Worker<Void> producer = TestThreads.run("producer", () -> ch.sender().send(7));
        first.request(1);
        producer.join();
        assertThat(first.values()).as("the first subscription is unaffected").containsExactly(7);
        first.assertNotTerminated().assertNoViolations();
        assertThat(ch.receiver().isHandleClosed()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void subscribingAClosedHandleGetsOnSubscribeThenIllegalStateException(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        RecordingSubscriber<Integer> first = new RecordingSubscriber<>();
        ch.receiver().subscribe(first);
        first.cancel();
        Channel<Integer> other = flavor.create();
        other.receiver().close();

        for (Receiver<Integer> closed : List.of(ch.receiver(), other.receiver())) {
            RecordingSubscriber<Integer> late = new RecordingSubscriber<>();
            closed.subscribe(late);
            assertThat(late.isSubscribed()).isTrue();
            late.awaitTerminated().assertFailedOnce();
            assertThat(late.error()).isInstanceOf(IllegalStateException.class);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.MULTI_CONSUMER)
    void competingSubscriptionsOnClonesShareTheElementsExactlyOnce(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        Receiver<Integer> clone = ch.receiver().clone();
        RecordingSubscriber<Integer> first = new RecordingSubscriber<>(Long.MAX_VALUE);
        RecordingSubscriber<Integer> second = new RecordingSubscriber<>(Long.MAX_VALUE);
        ch.receiver().subscribe(first);
        clone.subscribe(second);
        int count = 2_000;

        Worker<Void> producer = TestThreads.run("producer", () -> {
            try (Sender<Integer> tx = ch.sender()) {
                for (int i = 0; i < count; i++) {
                    tx.send(i);
                }
            }
        });
        producer.join();

        first.awaitTerminated().assertCompletedOnce();
        second.awaitTerminated().assertCompletedOnce();
        List<Integer> a = first.values();
        List<Integer> b = second.values();
        assertThat(a).as("one producer's order").isSorted();
        assertThat(b).as("one producer's order").isSorted();
        Set<Integer> all = new HashSet<>(a);
        all.addAll(b);
        assertThat(a.size() + b.size()).as("nothing duplicated").isEqualTo(count);
        assertThat(all).as("nothing lost").containsExactlyInAnyOrderElementsOf(TestChannels.range(0, count));
        assertThat(ch.receiverCount()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("multiConsumerBuffered")
    void competingSubscriptionsTakeOnlyWhatEachRequested(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        int buffered = Math.min(flavor.capacity(), 10);
        for (int i = 0; i < buffered; i++) {
            assertThat(ch.sender().trySend(i)).isEqualTo(SendStatus.SENT);
        }
        RecordingSubscriber<Integer> first = new RecordingSubscriber<>();
        RecordingSubscriber<Integer> second = new RecordingSubscriber<>();
        ch.receiver().subscribe(first);
        ch.receiver().clone().subscribe(second);
        int k = buffered / 2;

        first.request(k);
        second.request(Long.MAX_VALUE);

        assertThat(first.values()).isEqualTo(TestChannels.range(0, k));
        assertThat(second.values()).isEqualTo(TestChannels.range(k, buffered));
        first.assertNoViolations();
        second.assertNoViolations();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("multiConsumerBuffered")
    void aSubscriptionWithoutDemandCompletesWhenACompetitorDrainsTheClosedChannel(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        Receiver<Integer> competitor = ch.receiver().clone();
        RecordingSubscriber<Integer> idle = new RecordingSubscriber<>();
        ch.receiver().subscribe(idle);
        assertThat(ch.sender().trySend(1)).isEqualTo(SendStatus.SENT);
        ch.sender().close();
        idle.assertNotTerminated();

        assertThat(competitor.tryRecv()).isEqualTo(1);

        idle.awaitTerminated().assertCompletedOnce();
        assertThat(idle.values()).isEmpty();
    }

    // ---- §3.3: no unbounded recursion ----------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void requestingFromInsideOnNextDoesNotRecurse(Flavor flavor) {
        int total = 100_000;
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();
        int prefilled = flavor.isRendezvous() ? 0 : Math.min(flavor.capacity(), total);
        for (int i = 0; i < prefilled; i++) {
            if (tx.trySend(i) != SendStatus.SENT) {
                throw new AssertionError("trySend(" + i + ") into a channel with room");
            }
        }
        AtomicLong minDepth = new AtomicLong(Long.MAX_VALUE);
        AtomicLong maxDepth = new AtomicLong();
        StackWalker walker = StackWalker.getInstance();
        RecordingSubscriber<Integer> subscriber = new RecordingSubscriber<>(1);
        subscriber.doOnNext(value -> {
            if (value % 500 == 0) {
                long depth = walker.walk(Stream::count);
                minDepth.accumulateAndGet(depth, Math::min);
                maxDepth.accumulateAndGet(depth, Math::max);
            }
            subscriber.request(1);
        });

        ch.receiver().subscribe(subscriber); // delivers the prefilled elements on this thread
        assertThat(subscriber.valueCount()).isEqualTo(prefilled);
        for (int i = prefilled; i < total; i++) {
            if (flavor.isRendezvous()) {
                CompletableFuture<Void> sent = tx.sendAsync(i).toCompletableFuture();
                if (!sent.isDone()) {
                    throw new AssertionError("the subscription with demand did not take element " + i + " at once");
                }
            } else {
                SendStatus status = tx.trySend(i);
                if (status != SendStatus.SENT) {
                    throw new AssertionError("trySend(" + i + ") = " + status + ": the subscriber did not keep up");
                }
            }
        }
        tx.close();

        subscriber.awaitTerminated().assertCompletedOnce();
        assertThat(subscriber.values()).isEqualTo(TestChannels.range(0, total));
        assertThat(subscriber.maxNesting()).as("onNext inside onNext").isEqualTo(1);
        assertThat(maxDepth.get() - minDepth.get())
                .as("stack depth inside onNext varies by (min %d, max %d)", minDepth.get(), maxDepth.get())
                .isLessThan(64);
    }

    // ---- stress: blocking producers, competing subscriptions -----------------------------------------

    private static final int STRESS_ELEMENTS = 400_000;
    private static final int STRESS_BATCH = 16;
    private static final Duration STRESS_GUARD = Duration.ofSeconds(50);

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void blockingProducersAndCompetingBatchedSubscriptionsDeliverEveryElementExactlyOnce(Flavor flavor)
            throws Exception {
        int iterations = flavor.singleConsumer() ? 1 : 5;
        for (int iteration = 0; iteration < iterations; iteration++) {
            runStress(flavor);
        }
    }

    private static void runStress(Flavor flavor) throws Exception {
        int producers = flavor.producers(4);
        int consumers = flavor.consumers(2);
        int perProducer = STRESS_ELEMENTS / producers;
        Channel<Long> ch = flavor.create();
        List<RecordingSubscriber<Long>> subscribers = new ArrayList<>();
        for (int c = 0; c < consumers; c++) {
            Receiver<Long> rx = c == 0 ? ch.receiver() : ch.receiver().clone();
            RecordingSubscriber<Long> subscriber = new RecordingSubscriber<>(STRESS_BATCH);
            subscriber.doOnNext(batched(subscriber));
            subscribers.add(subscriber);
            rx.subscribe(subscriber);
        }
        CyclicBarrier start = new CyclicBarrier(producers);
        List<Worker<Void>> workers = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int id = p;
            Sender<Long> tx =
                    flavor.singleProducer() ? ch.sender() : ch.sender().clone();
            workers.add(TestThreads.run("producer-" + p, () -> {
                try (Sender<Long> mine = tx) {
                    await(start);
                    for (int seq = 0; seq < perProducer; seq++) {
                        mine.send(Tally.tag(id, seq));
                    }
                }
            }));
        }
        if (!flavor.singleProducer()) {
            ch.sender().close(); // the clones' closes must be the last ones
        }

        TestThreads.joinAll(workers, STRESS_GUARD);
        List<Tally.Log> logs = new ArrayList<>();
        for (RecordingSubscriber<Long> subscriber : subscribers) {
            subscriber.awaitTerminated().assertCompletedOnce();
            Tally.Log log = new Tally.Log(producers);
            subscriber.values().forEach(log::add);
            logs.add(log);
        }
        new Tally(producers).addLogs(logs).assertExactly(perProducer);
        assertThat(ch.receiverCount()).isZero();
        assertThat(ch.size()).isZero();
    }

    /** Requests the next batch from inside {@code onNext} whenever the last one is used up. */
    private static Consumer<Long> batched(RecordingSubscriber<Long> subscriber) {
        int[] received = {0};
        return value -> {
            if (++received[0] % STRESS_BATCH == 0) {
                subscriber.request(STRESS_BATCH);
            }
        };
    }
}
