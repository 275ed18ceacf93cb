package dev.sluice.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.channel.TestUpstreams.Counting;
import dev.sluice.channel.TestUpstreams.Manual;
import dev.sluice.channel.TestUpstreams.OnDemand;
import dev.sluice.channel.TestUpstreams.OwnThread;
import dev.sluice.channel.testing.Flavors;
import dev.sluice.channel.testing.Flavors.Flavor;
import dev.sluice.channel.testing.TestThreads;
import dev.sluice.channel.testing.TestThreads.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * R4: a {@link Sender} is a Reactive Streams {@code Subscriber}. It requests only as many elements
 * as it holds room for, so {@code onNext} never waits and never overfills the channel; freed slots
 * are requested again; {@code onComplete} closes the handle, {@code onError} fails the channel; a
 * second upstream is cancelled (§2.5), and the upstream is cancelled when every receiver left.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SubscriberTest {

    /** What "onNext never blocks" means here: far above any real call, far below a blocked one. */
    private static final Duration ON_NEXT_LIMIT = Duration.ofMillis(100);

    /**
     * How long to wait for a cancel that should follow a close at once (on the closing thread); short
     * so that a missing cancel fails quickly, yet a hang guard only.
     */
    private static final Duration PROMPT = Duration.ofSeconds(1);

    static Stream<Flavor> rendezvous() {
        return Flavors.all().filter(Flavor::isRendezvous);
    }

    // ---- demand is room -----------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.BOUNDED)
    void whileNothingIsConsumedTheUpstreamIsAskedForExactlyTheCapacity(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        int capacity = flavor.capacity();
        OnDemand upstream = new OnDemand(capacity + 50, true);

        upstream.subscribe(ch.sender()); // emits synchronously, as it is asked

        assertThat(upstream.requested()).isEqualTo(capacity);
        assertThat(upstream.finished()).isEqualTo(capacity);
        assertThat(ch.size()).isEqualTo(capacity);
        assertThat(ch.sender().isHandleClosed())
                .as("the upstream has not completed")
                .isFalse();
        for (int i = 0; i < capacity; i++) {
            assertThat(ch.receiver().tryRecv()).isEqualTo(i); // each receive lets the upstream emit one more
        }
        upstream.assertNoBadRequest();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.BOUNDED)
    void theUpstreamIsAskedOnlyForTheRoomOtherProducersLeft(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        int capacity = flavor.capacity();
        int taken = capacity / 2;
        for (int i = 0; i < taken; i++) {
            assertThat(ch.sender().trySend(1_000_000 + i)).isEqualTo(SendStatus.SENT);
        }
        Manual upstream = new Manual();

        upstream.subscribeWith(ch.sender());
        while (upstream.emitAllRequested() > 0) {
            assertThat(upstream.requested()).isLessThanOrEqualTo(capacity - taken);
        }

        assertThat(upstream.requested()).isEqualTo(capacity - taken);
        assertThat(ch.size()).isEqualTo(capacity);
        assertThat(ch.sender().trySend(-1)).isEqualTo(SendStatus.FULL);
        upstream.assertNoBadRequest();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.BOUNDED)
    void freedSlotsAreRequestedInBatchesOfAtLeastHalfABatch(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        int capacity = flavor.capacity();
        // the feed's batch is a quarter of the capacity (at most 256); it asks for more once half a
        // batch of room is free, never for one element per freed slot (unless half a batch is 1)
        int batch = Math.max(1, Math.min(256, capacity / 4));
        int least = Math.max(1, batch / 2);
        Manual upstream = new Manual();
        upstream.subscribeWith(ch.sender());
        while (upstream.emitAllRequested() > 0) {
            // fill the channel through the upstream
        }
        assertThat(upstream.requested()).isEqualTo(capacity);

        int next = 0;
        for (int round = 0; round < 3; round++) {
            for (int i = 1; i < least; i++) {
                assertThat(ch.receiver().tryRecv()).isEqualTo(next++);
                assertThat(upstream.outstanding()).as("%d slots free", i).isZero();
            }
            assertThat(ch.receiver().tryRecv()).isEqualTo(next++);
            assertThat(upstream.outstanding())
                    .as("demand once %d slots are free", least)
                    .isEqualTo(least);
            upstream.emitAllRequested();
            assertThat(ch.size()).isEqualTo(capacity);
        }
        upstream.assertNoBadRequest();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.BOUNDED)
    void whileTheChannelIsEmptyTheFeedTakesAnyRoomThereIs(Flavor flavor) throws Exception {
        // a permit holds all but one slot: the room is less than half a batch, yet with the channel
        // empty nobody would ever free more, so the feed must take the one slot, every time
        Channel<Integer> ch = flavor.create();
        int capacity = flavor.capacity();
        // (on a single-producer channel the permit comes from the one sender, on this same thread)
        Sender<Integer> other =
                flavor.singleProducer() ? ch.sender() : ch.sender().clone();
        Permit<Integer> held = capacity > 1 ? other.tryReserve(capacity - 1) : null;
        Manual upstream = new Manual();
        upstream.subscribeWith(ch.sender());
        for (int i = 0; i < 3; i++) {
            assertThat(upstream.requested()).as("round %d", i).isEqualTo(i + 1L);
            upstream.emit(1);
            assertThat(ch.receiver().tryRecv()).isEqualTo(i);
        }
        if (held != null) {
            held.close();
        }
        if (other != ch.sender()) {
            other.close();
        }
        upstream.assertNoBadRequest();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void onNextNeverBlocksAndTheUpstreamNeverGetsAheadOfThePausedConsumer(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        int capacity = flavor.capacity();
        int count = flavor.isBounded() ? 3 * capacity + 7 : flavor.isRendezvous() ? 50 : 2_000;
        OwnThread upstream = new OwnThread(count);

        upstream.subscribe(ch.sender());

        if (!flavor.isUnbounded()) {
            // The consumer is paused: the upstream fills exactly the room there is, then waits.
            int room = flavor.isRendezvous() ? 1 : capacity;
            TestThreads.awaitTrue(() -> upstream.finished() >= room, room + " elements were emitted");
            assertThat(upstream.finished()).isEqualTo(room);
            assertThat(upstream.requested())
                    .as("requested while the consumer is paused")
                    .isEqualTo(room);
            assertThat(ch.size()).isEqualTo(capacity);
        }
        List<Integer> received = consumeChecking(ch, upstream, 0);

        upstream.join();
        assertThat(received).isEqualTo(TestChannels.range(0, count));
        assertThat(Duration.ofNanos(upstream.maxOnNextNanos()))
                .as("the longest onNext")
                .isLessThan(ON_NEXT_LIMIT);
        assertThat(upstream.cancels()).isZero();
        assertThat(ch.sender().isHandleClosed())
                .as("onComplete closed the handle")
                .isTrue();
        upstream.assertNoBadRequest();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void anUpstreamFarFasterThanTheConsumerEndsWithExactCounts(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        int count = 100_000;
        OwnThread upstream = new OwnThread(count);

        upstream.subscribe(ch.sender());
        List<Integer> received = consumeChecking(ch, upstream, 20);

        upstream.join();
        assertThat(received.size()).isEqualTo(count);
        for (int i = 0; i < count; i++) {
            if (received.get(i) != i) {
                throw new AssertionError("element " + i + " is " + received.get(i));
            }
        }
        assertThat(upstream.started()).isEqualTo(count);
        assertThat(upstream.finished()).isEqualTo(count);
        assertThat(upstream.cancels()).isZero();
        assertThat(Duration.ofNanos(upstream.maxOnNextNanos()))
                .as("the longest onNext")
                .isLessThan(ON_NEXT_LIMIT);
        assertThat(ch.receiver().isTerminated()).isTrue();
        upstream.assertNoBadRequest();
    }

    // ---- rendezvous: one element at a time -----------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("rendezvous")
    void onARendezvousTheUpstreamIsAskedForOneElementAtATime(Flavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Manual upstream = new Manual();
        upstream.subscribeWith(ch.sender());
        assertThat(upstream.requested()).isEqualTo(1);

        for (int i = 0; i < 5; i++) {
            upstream.emit(1);
            assertThat(upstream.requested()).as("nobody took element %d yet", i).isEqualTo(i + 1);

            assertThat(ch.receiver().recv()).isEqualTo(i);

            assertThat(upstream.requested()).as("element %d was taken", i).isEqualTo(i + 2);
        }
        Worker<Integer> waiting =
                TestThreads.call("receiver", () -> ch.receiver().recv()).awaitBlocked();
        upstream.emit(1);
        assertThat(waiting.join()).isEqualTo(5);
        upstream.assertNoBadRequest();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rendezvous")
    void aRendezvousUpstreamThatCompletesRightAfterItsLastElementLosesNothing(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        OnDemand upstream = new OnDemand(3); // like Flux.range: onComplete follows the last onNext

        upstream.subscribe(ch.sender());
        List<Integer> received = new ArrayList<>();
        for (Integer element : ch.receiver()) {
            received.add(element);
        }

        assertThat(received).isEqualTo(TestChannels.range(0, 3));
        assertThat(upstream.cancels()).isZero();
    }

    // ---- onComplete / onError --------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.BUFFERED)
    void onCompleteClosesTheSenderHandleAndReceiversCompleteAfterDraining(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        int count = Math.min(flavor.capacity(), 5);
        OnDemand upstream = new OnDemand(count);

        upstream.subscribe(ch.sender());

        assertThat(ch.sender().isHandleClosed()).isTrue();
        assertThat(ch.senderCount()).isZero();
        assertThat(ch.isClosed()).isTrue();
        List<Integer> received = new ArrayList<>();
        ch.receiver().forEach(received::add);
        assertThat(received).isEqualTo(TestChannels.range(0, count));
        assertThat(ch.receiver().isTerminated()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.MULTI_PRODUCER)
    void onCompleteClosesOnlyItsOwnHandleWhileAnotherSenderIsOpen(Flavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> other = ch.sender().clone();
        Manual upstream = new Manual();
        upstream.subscribeWith(ch.sender());

        ch.sender().onComplete();

        assertThat(ch.sender().isHandleClosed()).isTrue();
        assertThat(ch.senderCount()).isEqualTo(1);
        assertThat(ch.isClosed()).isFalse();
        Worker<Void> producer = TestThreads.run("producer", () -> other.send(7));
        assertThat(ch.receiver().recv()).isEqualTo(7);
        producer.join();
        other.close();
        assertThat(ch.receiver().isTerminated()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.BUFFERED)
    void onErrorFailsTheChannelAndReceiversGetTheCauseAfterTheBufferedElements(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> other = flavor.singleProducer() ? null : ch.sender().clone();
        Manual upstream = new Manual();
        upstream.subscribeWith(ch.sender());
        int emitted = (int) Math.min(upstream.outstanding(), 3);
        upstream.emit(emitted);
        IllegalStateException cause = new IllegalStateException("upstream failed");

        ch.sender().onError(cause);

        assertThat(ch.isClosed())
                .as("failed even though another sender is open")
                .isTrue();
        assertThat(ch.sender().isHandleClosed()).isTrue();
        if (other != null) {
            assertThat(other.trySend(-1)).isEqualTo(SendStatus.CLOSED);
        }
        List<Integer> received = new ArrayList<>();
        ChannelClosedException end = drainToEnd(ch.receiver(), received);
        assertThat(received).isEqualTo(TestChannels.range(0, emitted));
        assertThat(end).hasCause(cause);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rendezvous")
    void onErrorOnARendezvousFailsTheWaitingReceiverWithTheCause(Flavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Manual upstream = new Manual();
        upstream.subscribeWith(ch.sender());
        Worker<Integer> receiver =
                TestThreads.call("receiver", () -> ch.receiver().recv()).awaitBlocked();
        upstream.emit(1);
        assertThat(receiver.join()).isEqualTo(0);
        Worker<Integer> next =
                TestThreads.call("receiver", () -> ch.receiver().recv()).awaitBlocked();
        IllegalStateException cause = new IllegalStateException("upstream failed");

        ch.sender().onError(cause);

        assertThat(next.joinFailure())
                .isInstanceOf(ChannelClosedException.class)
                .hasCause(cause);
        assertThat(ch.sender().isHandleClosed()).isTrue();
    }

    // ---- §2.5 and cancellation ---------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void aSecondOnSubscribeIsCancelledAndTheFirstKeepsGoing(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        Manual first = new Manual();
        Manual second = new Manual();
        first.subscribeWith(ch.sender());
        long requested = first.requested();
        assertThat(requested).isPositive();

        ch.sender().onSubscribe(second);

        assertThat(second.cancels()).isEqualTo(1);
        assertThat(second.requested()).isZero();
        assertThat(first.cancels()).isZero();
        assertThat(first.requested()).isEqualTo(requested);
        Worker<Integer> receiver =
                TestThreads.call("receiver", () -> ch.receiver().recv());
        first.emit(1);
        assertThat(receiver.join()).isEqualTo(0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void onSubscribeToAClosedHandleOrAClosedChannelCancelsAtOnce(Flavor flavor) {
        Channel<Integer> closedHandle = flavor.create();
        Sender<Integer> tx = closedHandle.sender();
        tx.close();
        Channel<Integer> noReceivers = flavor.create();
        noReceivers.receiver().close();

        for (Sender<Integer> sender : List.of(tx, noReceivers.sender())) {
            Manual upstream = new Manual();
            sender.onSubscribe(upstream);
            assertThat(upstream.cancels()).as("%s", sender).isEqualTo(1);
            assertThat(upstream.requested()).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.BLOCKING)
    void closingEveryReceiverCancelsAnUpstreamWaitingForRoom(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        Receiver<Integer> other = flavor.singleConsumer() ? null : ch.receiver().clone();
        OnDemand upstream = new OnDemand(Integer.MAX_VALUE, false);
        upstream.subscribe(ch.sender());
        int room = flavor.isRendezvous() ? 1 : flavor.capacity();
        assertThat(upstream.finished()).as("the channel is full").isEqualTo(room);

        ch.receiver().close();
        if (other != null) {
            assertThat(upstream.cancels()).as("a receiver is still open").isZero();
            other.close();
        }

        upstream.awaitCancelled(PROMPT);
        assertThat(upstream.cancels()).isEqualTo(1);
        assertThat(upstream.requested()).isEqualTo(room);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void closingEveryReceiverCancelsAnIdleUpstreamThatStillHasDemand(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        Manual upstream = new Manual();
        upstream.subscribeWith(ch.sender());
        assertThat(upstream.outstanding())
                .as("asked for elements it has not sent yet")
                .isPositive();

        ch.receiver().close();

        upstream.awaitCancelled(PROMPT);
        assertThat(upstream.cancels()).isEqualTo(1);
    }

    // ---- helpers ----------------------------------------------------------------------------------

    /**
     * Receives on this thread until the channel is closed and drained, checking before every receive
     * that the upstream kept within the room the channel has: the channel never holds more than its
     * capacity, and (bounded) the requests not yet answered plus the buffered elements never exceed
     * the capacity; (rendezvous) the upstream was never asked for more than one element beyond
     * those taken.
     */
    private static List<Integer> consumeChecking(Channel<Integer> ch, Counting upstream, int spinPerElement) {
        Receiver<Integer> rx = ch.receiver();
        List<Integer> received = new ArrayList<>();
        while (true) {
            checkRoom(ch, upstream, received.size());
            Integer element;
            try {
                element = rx.recv(TestThreads.GUARD);
            } catch (ChannelClosedException closed) {
                assertThat(closed).as("closed by onComplete").hasNoCause();
                checkRoom(ch, upstream, received.size());
                return received;
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            if (element == null) {
                throw new AssertionError("no element within " + TestThreads.GUARD + " after " + received.size()
                        + "; upstream requested " + upstream.requested() + ", emitted " + upstream.started());
            }
            received.add(element);
            TestThreads.spin(spinPerElement);
        }
    }

    private static void checkRoom(Channel<?> ch, Counting upstream, long consumed) {
        int capacity = ch.capacity();
        // Only this thread takes elements, so while it reads, the size can only grow and "started"
        // can only rise: read before and after "requested", they make each sum below at most its
        // true value at the moment "requested" was read. A positive check is sound, never racy.
        long size = ch.size();
        long requested = upstream.requested();
        long started = upstream.started();
        long finished = upstream.finished();
        assertThat(size).as("size").isLessThanOrEqualTo(capacity);
        if (capacity == 0) {
            assertThat(requested)
                    .as("requested from a rendezvous upstream after %d were taken", consumed)
                    .isLessThanOrEqualTo(consumed + 1);
        } else if (capacity != Channel.UNBOUNDED) {
            assertThat(requested - started + size)
                    .as("unanswered requests (%d - %d) plus buffered elements (%d)", requested, started, size)
                    .isLessThanOrEqualTo(capacity);
            assertThat(finished - consumed)
                    .as("elements sent (%d) minus received (%d)", finished, consumed)
                    .isLessThanOrEqualTo(capacity);
        }
    }

    /** Takes every buffered element of a closed channel into {@code into}; returns how it ended. */
    private static ChannelClosedException drainToEnd(Receiver<Integer> rx, List<Integer> into) {
        while (true) {
            Integer element;
            try {
                element = rx.tryRecv();
            } catch (ChannelClosedException closed) {
                return closed;
            }
            if (element == null) {
                throw new AssertionError("empty but not closed after " + into);
            }
            into.add(element);
        }
    }
}
