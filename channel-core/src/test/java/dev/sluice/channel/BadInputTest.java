package dev.sluice.channel;

import static dev.sluice.channel.BadInput.ELEMENT;
import static dev.sluice.channel.BadInput.LONGEST;
import static dev.sluice.channel.BadInput.bad;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.sluice.channel.BadInput.After;
import dev.sluice.channel.BadInput.CancelsIt;
import dev.sluice.channel.BadInput.Case;
import dev.sluice.channel.BadInput.FailsTheChannel;
import dev.sluice.channel.BadInput.Fixture;
import dev.sluice.channel.BadInput.Ignored;
import dev.sluice.channel.BadInput.Kind;
import dev.sluice.channel.BadInput.Message;
import dev.sluice.channel.BadInput.Returns;
import dev.sluice.channel.BadInput.Scope;
import dev.sluice.channel.BadInput.Signals;
import dev.sluice.channel.BadInput.Step;
import dev.sluice.channel.TestUpstreams.Manual;
import dev.sluice.channel.testing.TestThreads;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.reactivestreams.FlowAdapters;

/**
 * S13 and the Reactive Streams rules for calls that break them, as one table: every public entry
 * point of {@code dev.sluice.channel} with {@code null}, negative, zero, huge and use-after-close
 * arguments, and every reactive entry point with calls that break the specification. Each case says
 * which error it must raise (type and a message fragment that names the bad argument or value) and
 * what the channel looks like afterwards (almost always: unchanged, and still working), and runs on
 * every flavor it applies to ({@link BadInput#kinds()}; see {@link BadInput} for what is checked).
 *
 * <p>The same list renders the table of {@code docs/reliability.md} (its bad-input section); {@link
 * #theDocumentedTableIsTheCaseList()} fails when the two differ, and rewrites the file when run with
 * {@code -Dsluice.docs.write=true}.
 */
class BadInputTest {

    private static final Class<NullPointerException> NPE = NullPointerException.class;
    private static final Class<IllegalArgumentException> IAE = IllegalArgumentException.class;
    private static final Class<IllegalStateException> ISE = IllegalStateException.class;
    private static final Class<UnsupportedOperationException> UOE = UnsupportedOperationException.class;

    private static final String SENDER_CLOSED = "this Sender handle is closed";
    private static final String RECEIVER_CLOSED = "this Receiver handle is closed";
    private static final String ON_CLOSED = "on a closed handle";

    /** The table, in the order it is documented. */
    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        channelFactories(cases);
        builder(cases);
        sender(cases);
        senderAsSubscriber(cases);
        receiver(cases);
        receiverAsPublisher(cases);
        permitAndReadiness(cases);
        processorAndFlowViews(cases);
        return cases;
    }

    private static void channelFactories(List<Case> cases) {
        String bounded = "Channel.bounded(int)";
        cases.add(bad(bounded, "`-1`")
                .on(Scope.NONE)
                .when(f -> Channel.bounded(-1))
                .throwing(IAE, "capacity is negative: -1"));
        cases.add(bad(bounded, "`Integer.MIN_VALUE`")
                .on(Scope.NONE)
                .when(f -> Channel.bounded(Integer.MIN_VALUE))
                .throwing(IAE, "capacity is negative: -2147483648"));
        cases.add(bad(bounded, "`Channel.MAX_CAPACITY + 1`")
                .on(Scope.NONE)
                .when(f -> Channel.bounded(Channel.MAX_CAPACITY + 1))
                .throwing(IAE, "capacity exceeds Channel.MAX_CAPACITY (67108864): 67108865"));
        cases.add(bad(bounded, "`Integer.MAX_VALUE`")
                .on(Scope.NONE)
                .when(f -> Channel.bounded(Integer.MAX_VALUE))
                .throwing(IAE, "capacity exceeds Channel.MAX_CAPACITY (67108864): 2147483647"));
        cases.add(bad(bounded, "`0`")
                .on(Scope.NONE)
                .when(f -> f.answer = Channel.bounded(0).capacity())
                .expect(new Returns("a rendezvous channel (capacity `0`)", capacity -> capacity.equals(0)))
                .leaving(After.NEW_CHANNEL));
    }

    private static void builder(List<Case> cases) {
        String capacity = "ChannelBuilder.capacity(int)";
        Step aBuilder = f -> f.builder = f.kind.builder();
        cases.add(bad(capacity, "`-1`")
                .given(aBuilder)
                .when(f -> f.builder.capacity(-1))
                .throwing(IAE, "capacity is negative: -1")
                .leaving(After.BUILDER_UNCHANGED));
        cases.add(bad(capacity, "`Integer.MIN_VALUE`")
                .given(aBuilder)
                .when(f -> f.builder.capacity(Integer.MIN_VALUE))
                .throwing(IAE, "capacity is negative: -2147483648")
                .leaving(After.BUILDER_UNCHANGED));
        cases.add(bad(capacity, "`Channel.MAX_CAPACITY + 1`")
                .given(aBuilder)
                .when(f -> f.builder.capacity(Channel.MAX_CAPACITY + 1))
                .throwing(IAE, "capacity exceeds Channel.MAX_CAPACITY (67108864): 67108865")
                .leaving(After.BUILDER_UNCHANGED));
        cases.add(bad(capacity, "`Integer.MAX_VALUE`")
                .given(aBuilder)
                .when(f -> f.builder.capacity(Integer.MAX_VALUE))
                .throwing(IAE, "capacity exceeds Channel.MAX_CAPACITY (67108864): 2147483647")
                .leaving(After.BUILDER_UNCHANGED));
        cases.add(bad("ChannelBuilder.overflow(Overflow)", "`null`")
                .given(aBuilder)
                .when(f -> f.builder.overflow(null))
                .throwing(NPE, "overflow is null")
                .leaving(After.BUILDER_UNCHANGED));
        cases.add(bad("ChannelBuilder.onUndeliveredElement(Consumer)", "`null`")
                .given(aBuilder)
                .when(f -> f.builder.onUndeliveredElement(null))
                .throwing(NPE, "hook is null")
                .leaving(After.BUILDER_UNCHANGED));
        cases.add(bad("ChannelBuilder.build()", "`overflow(DROP_OLDEST)` with `capacity(0)`")
                .on(Scope.NONE)
                .when(f -> Channel.builder()
                        .capacity(0)
                        .overflow(Overflow.DROP_OLDEST)
                        .build())
                .throwing(IAE, "overflow DROP_OLDEST needs a bounded capacity of at least 1, not capacity 0"));
        cases.add(bad("ChannelBuilder.build()", "`overflow(DROP_NEWEST)` with `unbounded()`")
                .on(Scope.NONE)
                .when(f -> Channel.builder()
                        .unbounded()
                        .overflow(Overflow.DROP_NEWEST)
                        .build())
                .throwing(
                        IAE, "overflow DROP_NEWEST needs a bounded capacity of at least 1, not an unbounded channel"));
    }

    private static void sender(List<Case> cases) {
        String send = "Sender.send(T)";
        String timedSend = "Sender.send(T, Duration)";
        String trySend = "Sender.trySend(T)";
        String sendAsync = "Sender.sendAsync(T)";
        // A full channel: a null that got past the check would wait (or be dropped); a waiting
        // receiver: it would be handed the null.
        cases.add(bad(send, "`null`, channel full")
                .given(Fixture::full)
                .when(f -> f.tx.send(null))
                .throwing(NPE, "element is null"));
        cases.add(bad(send, "`null`, a receiver waiting")
                .given(Fixture::receiverWaiting)
                .when(f -> f.tx.send(null))
                .throwing(NPE, "element is null"));
        cases.add(bad(timedSend, "`null` element, channel full")
                .given(Fixture::full)
                .when(f -> f.tx.send(null, Duration.ofHours(1)))
                .throwing(NPE, "element is null"));
        cases.add(bad(timedSend, "`null` element, a receiver waiting")
                .given(Fixture::receiverWaiting)
                .when(f -> f.tx.send(null, Duration.ofHours(1)))
                .throwing(NPE, "element is null"));
        cases.add(bad(timedSend, "`null` timeout")
                .given(Fixture::full)
                .when(f -> f.tx.send(ELEMENT, null))
                .throwing(NPE, "timeout is null"));
        cases.add(bad(timedSend, "`-3 s`")
                .given(Fixture::full)
                .when(f -> f.tx.send(ELEMENT, Duration.ofSeconds(-3)))
                .throwing(IAE, "timeout is negative: PT-3S"));
        cases.add(bad(timedSend, "`-1 ns`")
                .given(Fixture::full)
                .when(f -> f.tx.send(ELEMENT, Duration.ofNanos(-1)))
                .throwing(IAE, "timeout is negative: PT-0.000000001S"));
        cases.add(bad(timedSend, "`Duration.ZERO`, channel full")
                .on(Scope.WAITING_WHEN_FULL)
                .given(Fixture::full)
                .when(f -> f.answer = f.tx.send(ELEMENT, Duration.ZERO))
                .expect(Returns.value(false)));
        cases.add(bad(timedSend, "the longest `Duration`, a receiver waiting")
                .given(Fixture::receiverWaiting)
                .when(f -> f.answer = f.tx.send(ELEMENT, LONGEST))
                .expect(Returns.value(true))
                .leaving(After.SENT_IT));
        cases.add(bad(trySend, "`null`, channel full")
                .given(Fixture::full)
                .when(f -> f.tx.trySend(null))
                .throwing(NPE, "element is null"));
        cases.add(bad(trySend, "`null`, a receiver waiting")
                .given(Fixture::receiverWaiting)
                .when(f -> f.tx.trySend(null))
                .throwing(NPE, "element is null"));
        cases.add(bad(sendAsync, "`null`, channel full")
                .given(Fixture::full)
                .when(f -> f.tx.sendAsync(null))
                .throwing(NPE, "element is null"));
        cases.add(bad(sendAsync, "`null`, a receiver waiting")
                .given(Fixture::receiverWaiting)
                .when(f -> f.tx.sendAsync(null))
                .throwing(NPE, "element is null"));

        String tryReserve = "Sender.tryReserve(int)";
        // An empty channel: a reservation that got past the check would keep slots.
        cases.add(bad(tryReserve, "`0`").when(f -> f.tx.tryReserve(0)).throwing(IAE, "slots must be positive: 0"));
        cases.add(bad(tryReserve, "`-1`").when(f -> f.tx.tryReserve(-1)).throwing(IAE, "slots must be positive: -1"));
        cases.add(bad(tryReserve, "`Integer.MIN_VALUE`")
                .when(f -> f.tx.tryReserve(Integer.MIN_VALUE))
                .throwing(IAE, "slots must be positive: -2147483648"));
        cases.add(bad(tryReserve, "capacity + 1")
                .on(Scope.BOUNDED)
                .when(f -> f.tx.tryReserve(f.kind.capacity() + 1))
                .throwing(
                        IAE,
                        new Message(
                                "slots exceed the channel's capacity (c): c+1",
                                k -> "slots exceed the channel's capacity (" + k.capacity() + "): "
                                        + (k.capacity() + 1))));
        cases.add(bad(tryReserve, "`Integer.MAX_VALUE`")
                .on(Scope.BOUNDED)
                .when(f -> f.tx.tryReserve(Integer.MAX_VALUE))
                .throwing(
                        IAE,
                        new Message(
                                "slots exceed the channel's capacity (c): 2147483647",
                                k -> "slots exceed the channel's capacity (" + k.capacity() + "): 2147483647")));
        cases.add(bad(tryReserve, "`Integer.MAX_VALUE`")
                .on(Scope.UNBOUNDED)
                .when(f -> f.answer = f.tx.tryReserve(Integer.MAX_VALUE))
                .expect(new Returns("a `Permit` of `2147483647` slots (there is room)", answer -> {
                    try (Permit<?> permit = (Permit<?>) answer) { // closed here: it gives the slots back
                        return permit.remaining() == Integer.MAX_VALUE;
                    }
                })));
        cases.add(bad(tryReserve, "`1`")
                .on(Scope.RENDEZVOUS)
                .when(f -> f.tx.tryReserve(1))
                .throwing(UOE, "a rendezvous channel has no slots to reserve"));
        cases.add(bad("Sender.reserve()", "any call")
                .on(Scope.RENDEZVOUS)
                .when(f -> f.tx.reserve())
                .throwing(UOE, "a rendezvous channel has no slots to reserve"));
        cases.add(bad("Sender.whenSendable(Runnable)", "`null`")
                .given(Fixture::full)
                .when(f -> f.tx.whenSendable(null))
                .throwing(NPE, "callback is null"));
        cases.add(bad("Sender.watchSendable(Runnable)", "`null`")
                .given(Fixture::full)
                .when(f -> f.tx.watchSendable(null))
                .throwing(NPE, "callback is null"));
        cases.add(bad("Sender.fail(Throwable)", "`null`")
                .given(Fixture::full)
                .when(f -> f.tx.fail(null))
                .throwing(NPE, "cause is null"));
        cases.add(bad("Sender.clone()", "any call")
                .on(Scope.SINGLE_PRODUCER)
                .when(f -> f.tx.clone())
                .throwing(ISE, "this channel was built with singleProducer(): its sender cannot be cloned"));

        // A closed handle, on a full channel (so a use that got past the check would wait).
        Step closedTx = f -> {
            f.full();
            f.tx.close();
        };
        String onClosed = ON_CLOSED;
        cases.add(bad(send, onClosed)
                .given(closedTx)
                .when(f -> f.tx.send(ELEMENT))
                .throwing(ISE, SENDER_CLOSED));
        cases.add(bad(timedSend, onClosed)
                .given(closedTx)
                .when(f -> f.tx.send(ELEMENT, Duration.ofHours(1)))
                .throwing(ISE, SENDER_CLOSED));
        cases.add(bad(trySend, onClosed)
                .given(closedTx)
                .when(f -> f.tx.trySend(ELEMENT))
                .throwing(ISE, SENDER_CLOSED));
        cases.add(bad(sendAsync, onClosed)
                .given(closedTx)
                .when(f -> f.tx.sendAsync(ELEMENT))
                .throwing(ISE, SENDER_CLOSED));
        cases.add(bad("Sender.reserve()", onClosed)
                .given(closedTx)
                .when(f -> f.tx.reserve())
                .throwing(ISE, SENDER_CLOSED));
        cases.add(bad(tryReserve, "`1`, " + onClosed)
                .given(closedTx)
                .when(f -> f.tx.tryReserve(1))
                .throwing(ISE, SENDER_CLOSED));
        cases.add(bad("Sender.whenSendable(Runnable)", onClosed)
                .given(closedTx)
                .when(f -> f.tx.whenSendable(() -> {}))
                .throwing(ISE, SENDER_CLOSED));
        cases.add(bad("Sender.watchSendable(Runnable)", onClosed)
                .given(closedTx)
                .when(f -> f.tx.watchSendable(() -> {}))
                .throwing(ISE, SENDER_CLOSED));
        cases.add(bad("Sender.clone()", onClosed)
                .given(closedTx)
                .when(f -> f.tx.clone())
                .throwing(ISE, SENDER_CLOSED));
        cases.add(bad("Sender.fail(Throwable)", onClosed)
                .given(closedTx)
                .when(f -> f.tx.fail(new RuntimeException("through a closed handle")))
                .throwing(ISE, SENDER_CLOSED));
        cases.add(bad("Sender.close()", onClosed)
                .given(closedTx)
                .when(f -> f.tx.close())
                .expect(Ignored.because("does nothing (idempotent: the handle counts once)")));
    }

    private static void senderAsSubscriber(List<Case> cases) {
        String onSubscribe = "Sender.onSubscribe(Subscription)";
        String onNext = "Sender.onNext(T)";
        String onError = "Sender.onError(Throwable)";
        cases.add(bad(onSubscribe, "`null` (§2.13)")
                .when(f -> f.tx.onSubscribe(null))
                .throwing(NPE, "subscription is null (§2.13)"));
        cases.add(bad(onSubscribe, "a second subscription (§2.5)")
                .given(Fixture::fed)
                .when(f -> f.tx.onSubscribe(f.offered = new Manual()))
                .expect(new CancelsIt()));
        cases.add(bad(onSubscribe, "on a closed handle")
                .given(f -> {
                    f.full();
                    f.tx.close();
                })
                .when(f -> f.tx.onSubscribe(f.offered = new Manual()))
                .expect(new CancelsIt()));
        cases.add(bad(onNext, "`null` (§2.13), subscribed")
                .given(Fixture::fed)
                .when(f -> f.tx.onNext(null))
                .throwing(NPE, "element is null"));
        cases.add(bad(onNext, "beyond the demand (§1.1)")
                .on(Scope.FINITE) // on an unbounded channel the sender never stops asking for more
                .given(Fixture::fedAndOutOfDemand)
                .when(f -> f.tx.onNext(ELEMENT))
                .expect(new FailsTheChannel(ISE, Message.of("onNext without demand: the upstream broke §1.1")))
                .leaving(After.CHANNEL_FAILED));
        cases.add(bad(onNext, "after `onComplete`")
                .given(f -> {
                    f.fed();
                    f.tx.onComplete();
                })
                .when(f -> f.tx.onNext(ELEMENT))
                .expect(Ignored.because("ignored (§2.13 allows no throw): nothing is sent")));
        cases.add(bad(onNext, "on a handle closed while subscribed")
                .given(f -> {
                    f.fed();
                    f.tx.close();
                })
                .when(f -> f.upstream.emit(1))
                .expect(new Ignored(
                        "ignored: closing the handle cancelled its upstream and returned its slots; nothing is sent",
                        f -> assertThat(f.upstream.cancels())
                                .as("cancel() calls on the upstream of the closed handle")
                                .isEqualTo(1))));
        cases.add(bad(onNext, "before any `onSubscribe` (§1.9)")
                .when(f -> f.tx.onNext(ELEMENT))
                .throwing(ISE, "onNext before onSubscribe (§1.9)"));
        cases.add(bad(onError, "`null` (§2.13), subscribed")
                .given(Fixture::fed)
                .when(f -> f.tx.onError(null))
                .throwing(NPE, "cause is null (§2.13)"));
        cases.add(bad(onError, "a cause, on a closed handle whose `onSubscribe` was cancelled")
                .given(f -> {
                    f.full();
                    f.tx.close();
                    f.tx.onSubscribe(f.offered = new Manual()); // cancelled: as Flux.error(e).subscribe(tx)
                })
                .when(f -> f.tx.onError(new RuntimeException("upstream failed")))
                .expect(Ignored.because("ignored: a closed handle cannot fail the channel")));
        cases.add(bad("Sender.onComplete()", "on a closed handle")
                .given(f -> {
                    f.full();
                    f.tx.close();
                })
                .when(f -> f.tx.onComplete())
                .expect(Ignored.because("does nothing (the handle is closed already)")));
    }

    private static void receiver(List<Case> cases) {
        String timedRecv = "Receiver.recv(Duration)";
        cases.add(bad(timedRecv, "`null`")
                .given(Fixture::full)
                .when(f -> f.rx.recv(null))
                .throwing(NPE, "timeout is null"));
        cases.add(bad(timedRecv, "`-3 s`")
                .given(Fixture::full)
                .when(f -> f.rx.recv(Duration.ofSeconds(-3)))
                .throwing(IAE, "timeout is negative: PT-3S"));
        cases.add(bad(timedRecv, "`-1 ns`")
                .given(Fixture::full)
                .when(f -> f.rx.recv(Duration.ofNanos(-1)))
                .throwing(IAE, "timeout is negative: PT-0.000000001S"));
        cases.add(bad(timedRecv, "`Duration.ZERO`, channel empty")
                .when(f -> f.answer = f.rx.recv(Duration.ZERO))
                .expect(Returns.value(null)));
        cases.add(bad(timedRecv, "the longest `Duration`, elements buffered")
                .on(Scope.BUFFERED)
                .given(Fixture::full)
                .when(f -> f.answer = f.rx.recv(LONGEST))
                .expect(new Returns("the first element", first -> first.equals(0)))
                .leaving(After.TOOK_THE_FIRST));
        cases.add(bad("Receiver.whenReceivable(Runnable)", "`null`")
                .when(f -> f.rx.whenReceivable(null))
                .throwing(NPE, "callback is null"));
        cases.add(bad("Receiver.watchReceivable(Runnable)", "`null`")
                .when(f -> f.rx.watchReceivable(null))
                .throwing(NPE, "callback is null"));
        cases.add(bad("Receiver.clone()", "any call")
                .on(Scope.SINGLE_CONSUMER)
                .when(f -> f.rx.clone())
                .throwing(ISE, "this channel was built with singleConsumer(): its receiver cannot be cloned"));

        // A closed handle, on a channel holding elements (so a use that got past the check would take one).
        Step closedRx = f -> {
            f.full();
            f.closeRx();
        };
        String onClosed = ON_CLOSED;
        cases.add(bad("Receiver.recv()", onClosed)
                .given(closedRx)
                .when(f -> f.rx.recv())
                .throwing(ISE, RECEIVER_CLOSED));
        cases.add(bad(timedRecv, onClosed)
                .given(closedRx)
                .when(f -> f.rx.recv(Duration.ofHours(1)))
                .throwing(ISE, RECEIVER_CLOSED));
        cases.add(bad("Receiver.tryRecv()", onClosed)
                .given(closedRx)
                .when(f -> f.rx.tryRecv())
                .throwing(ISE, RECEIVER_CLOSED));
        cases.add(bad("Receiver.recvAsync()", onClosed)
                .given(closedRx)
                .when(f -> f.rx.recvAsync())
                .throwing(ISE, RECEIVER_CLOSED));
        cases.add(bad("Receiver.whenReceivable(Runnable)", onClosed)
                .given(closedRx)
                .when(f -> f.rx.whenReceivable(() -> {}))
                .throwing(ISE, RECEIVER_CLOSED));
        cases.add(bad("Receiver.watchReceivable(Runnable)", onClosed)
                .given(closedRx)
                .when(f -> f.rx.watchReceivable(() -> {}))
                .throwing(ISE, RECEIVER_CLOSED));
        cases.add(bad("Receiver.clone()", onClosed)
                .given(closedRx)
                .when(f -> f.rx.clone())
                .throwing(ISE, RECEIVER_CLOSED));
        cases.add(bad("Receiver.iterator()", onClosed)
                .given(closedRx)
                .when(f -> f.rx.iterator())
                .throwing(ISE, RECEIVER_CLOSED));
        cases.add(bad("Receiver.stream()", onClosed)
                .given(closedRx)
                .when(f -> f.rx.stream())
                .throwing(ISE, RECEIVER_CLOSED));
        cases.add(bad("Receiver.close()", onClosed)
                .given(closedRx)
                .when(f -> f.rx.close())
                .expect(Ignored.because("does nothing (idempotent: the handle counts once)")));
        cases.add(bad("Receiver.iterator().next()", "after the end")
                .given(f -> {
                    f.tx.close();
                    if (f.spareTx != null) {
                        f.spareTx.close();
                    }
                    f.iterator = f.rx.iterator();
                    assertThat(f.iterator.hasNext()).isFalse();
                })
                .when(f -> f.iterator.next())
                .throwing(NoSuchElementException.class, "channel closed and drained"));
    }

    private static void receiverAsPublisher(List<Case> cases) {
        String subscribe = "Receiver.subscribe(Subscriber)";
        String request = "Subscription.request(long)";
        cases.add(bad(subscribe, "`null` (§1.9)")
                .given(Fixture::full)
                .when(f -> f.rx.subscribe(null))
                .throwing(NPE, "subscriber is null (§1.9)"));
        cases.add(bad(subscribe, "a second subscriber (R2)")
                .given(f -> {
                    f.full();
                    f.subscribed();
                })
                .when(f -> f.rx.subscribe(f.watched = new RecordingSubscriber<>()))
                .expect(Signals.of(ISE, "this Receiver handle already has a subscriber")));
        cases.add(bad(subscribe, ON_CLOSED)
                .given(f -> {
                    f.full();
                    f.closeRx();
                })
                .when(f -> f.rx.subscribe(f.watched = new RecordingSubscriber<>()))
                .expect(Signals.of(ISE, RECEIVER_CLOSED)));
        Step subscribedToAFullChannel = f -> {
            f.full();
            f.subscribed();
        };
        for (long n : new long[] {0, -1, Long.MIN_VALUE}) {
            String shown = n == Long.MIN_VALUE ? "Long.MIN_VALUE" : Long.toString(n);
            cases.add(bad(request, "`" + shown + "` (§3.9)")
                    .given(subscribedToAFullChannel)
                    .when(f -> f.downstream.request(n))
                    .expect(Signals.of(IAE, "§3.9: request(n) needs n > 0, got " + n))
                    .leaving(After.SUBSCRIPTION_ENDS));
        }
        cases.add(bad(request, "`Long.MAX_VALUE`, twice (§3.17)")
                .given(subscribedToAFullChannel)
                .when(f -> {
                    f.downstream.request(Long.MAX_VALUE);
                    f.downstream.request(Long.MAX_VALUE);
                })
                .expect(new Ignored(
                        "the demand stays capped at `Long.MAX_VALUE`; every buffered element is delivered",
                        f -> assertThat(f.downstream.values()).isEqualTo(f.expected)))
                .leaving(After.TOOK_EVERYTHING));
        cases.add(bad(request, "`1`, after the subscribed handle was closed")
                .given(f -> {
                    f.full();
                    f.subscribed();
                    f.closeRx();
                })
                .when(f -> f.downstream.request(1))
                .expect(Signals.of(ISE, RECEIVER_CLOSED)));
        Step cancelled = f -> {
            f.full();
            f.subscribed();
            f.downstream.cancel();
            if (f.ch.receiverCount() == 0) {
                f.expected.clear(); // the cancel closed the last receiver
            }
        };
        cases.add(bad(request, "`0`, after `cancel()` (§3.6)")
                .given(cancelled)
                .when(f -> f.downstream.request(0))
                .expect(new Ignored(
                        "ignored, no signal",
                        f -> f.downstream.assertNotTerminated().assertNoViolations())));
        cases.add(bad("Subscription.cancel()", "twice (§3.7)")
                .given(cancelled)
                .when(f -> f.downstream.cancel())
                .expect(new Ignored(
                        "ignored, no signal",
                        f -> f.downstream.assertNotTerminated().assertNoViolations())));
    }

    private static void permitAndReadiness(List<Case> cases) {
        String send = "Permit.send(T)";
        cases.add(bad(send, "`null`")
                .on(Scope.BUFFERED)
                .given(Fixture::fullWithAPermit)
                .when(f -> f.permit.send(null))
                .throwing(NPE, "element is null"));
        cases.add(bad(send, "beyond its slots")
                .on(Scope.BUFFERED)
                .given(f -> {
                    f.fullWithAPermit();
                    f.permit.send(ELEMENT);
                    f.expected.add(ELEMENT);
                })
                .when(f -> f.permit.send(ELEMENT))
                .throwing(ISE, "this permit has no reserved slot left"));
        Step closedPermit = f -> {
            f.fullWithAPermit();
            f.permit.close();
        };
        cases.add(bad(send, "after `close()`")
                .on(Scope.BUFFERED)
                .given(closedPermit)
                .when(f -> f.permit.send(ELEMENT))
                .throwing(ISE, "this permit is closed"));
        cases.add(bad("Permit.close()", "twice")
                .on(Scope.BUFFERED)
                .given(closedPermit)
                .when(f -> f.permit.close())
                .expect(Ignored.because("does nothing (idempotent: the slot is returned once)")));
        cases.add(bad("Readiness.cancel()", "twice")
                .given(f -> {
                    f.registration = f.rx.whenReceivable(() -> {
                        throw new AssertionError("a cancelled registration ran");
                    });
                    assertThat(f.registration.cancel()).isTrue();
                })
                .when(f -> f.answer = f.registration.cancel())
                .expect(Returns.value(false)));
    }

    private static void processorAndFlowViews(List<Case> cases) {
        cases.add(bad("Channel.subscribe(Subscriber)", "`null` (§1.9)")
                .when(f -> f.ch.subscribe(null))
                .throwing(NPE, "subscriber is null (§1.9)"));
        cases.add(bad("Channel.subscribe(Subscriber)", "a second subscriber (R2)")
                .given(f -> {
                    f.full();
                    f.downstream = new RecordingSubscriber<>();
                    f.ch.subscribe(f.downstream);
                })
                .when(f -> f.ch.subscribe(f.watched = new RecordingSubscriber<>()))
                .expect(Signals.of(ISE, "this Receiver handle already has a subscriber")));
        cases.add(bad("Channel.onSubscribe(Subscription)", "`null` (§2.13)")
                .when(f -> f.ch.onSubscribe(null))
                .throwing(NPE, "subscription is null (§2.13)"));
        cases.add(bad("Channel.onSubscribe(Subscription)", "a second subscription (§2.5)")
                .given(Fixture::fed)
                .when(f -> f.ch.onSubscribe(f.offered = new Manual()))
                .expect(new CancelsIt()));
        cases.add(bad("Channel.onNext(T)", "`null` (§2.13)")
                .when(f -> f.ch.onNext(null))
                .throwing(NPE, "element is null"));
        cases.add(bad("Channel.onError(Throwable)", "`null` (§2.13)")
                .when(f -> f.ch.onError(null))
                .throwing(NPE, "cause is null (§2.13)"));

        String publisher = "Receiver.asFlowPublisher().subscribe(Flow.Subscriber)";
        cases.add(bad(publisher, "`null` (§1.9)")
                .when(f -> f.rx.asFlowPublisher().subscribe(null))
                .throwing(NPE, "subscriber is null (§1.9)"));
        cases.add(bad(publisher, "a second subscriber (R2)")
                .given(f -> {
                    f.full();
                    f.subscribedThroughFlow();
                })
                .when(f -> f.rx.asFlowPublisher()
                        .subscribe(FlowAdapters.toFlowSubscriber(f.watched = new RecordingSubscriber<>())))
                .expect(Signals.of(ISE, "this Receiver handle already has a subscriber")));
        cases.add(bad("Flow.Subscription.request(long)", "`0` (§3.9)")
                .given(f -> {
                    f.full();
                    f.subscribedThroughFlow();
                })
                .when(f -> f.downstream.request(0))
                .expect(Signals.of(IAE, "§3.9: request(n) needs n > 0, got 0"))
                .leaving(After.SUBSCRIPTION_ENDS));

        String subscriber = "Sender.asFlowSubscriber()";
        cases.add(bad(subscriber + ".onSubscribe(Flow.Subscription)", "`null` (§2.13)")
                .when(f -> f.tx.asFlowSubscriber().onSubscribe(null))
                .throwing(NPE, "subscription is null (§2.13)"));
        cases.add(bad(subscriber + ".onSubscribe(Flow.Subscription)", "a second subscription (§2.5)")
                .given(Fixture::fedThroughFlow)
                .when(f -> f.tx.asFlowSubscriber().onSubscribe(Fixture.flow(f.offered = new Manual())))
                .expect(new CancelsIt()));
        cases.add(bad(subscriber + ".onNext(T)", "`null` (§2.13), subscribed")
                .given(Fixture::fedThroughFlow)
                .when(f -> f.tx.asFlowSubscriber().onNext(null))
                .throwing(NPE, "element is null"));
        cases.add(bad(subscriber + ".onError(Throwable)", "`null` (§2.13), subscribed")
                .given(Fixture::fedThroughFlow)
                .when(f -> f.tx.asFlowSubscriber().onError(null))
                .throwing(NPE, "cause is null (§2.13)"));

        String processor = "Channel.asFlowProcessor()";
        cases.add(bad(processor + ".subscribe(Flow.Subscriber)", "`null` (§1.9)")
                .when(f -> f.ch.asFlowProcessor().subscribe(null))
                .throwing(NPE, "subscriber is null (§1.9)"));
        cases.add(bad(processor + ".onSubscribe(Flow.Subscription)", "`null` (§2.13)")
                .when(f -> f.ch.asFlowProcessor().onSubscribe(null))
                .throwing(NPE, "subscription is null (§2.13)"));
        cases.add(bad(processor + ".onNext(T)", "`null` (§2.13)")
                .when(f -> f.ch.asFlowProcessor().onNext(null))
                .throwing(NPE, "element is null"));
        cases.add(bad(processor + ".onError(Throwable)", "`null` (§2.13)")
                .when(f -> f.ch.asFlowProcessor().onError(null))
                .throwing(NPE, "cause is null (§2.13)"));
    }

    // ---- the table, run ---------------------------------------------------------------------------

    @TestFactory
    Stream<DynamicNode> everyBadInputFailsClearlyChangesNothingAndTheChannelStillWorks() {
        List<Kind> kinds = BadInput.kinds();
        return cases().stream().map(c -> {
            if (c.scope() == Scope.NONE) {
                return dynamicTest(c.title(), () -> play(c, kinds.get(0)));
            }
            List<Kind> applicable = kinds.stream().filter(c.scope().applies).toList();
            assertThat(applicable).as("flavors for %s", c.title()).isNotEmpty();
            return dynamicContainer(
                    c.title(), applicable.stream().map(k -> dynamicTest(k.toString(), () -> play(c, k))));
        });
    }

    /** Runs a case with a guard: a bad call that waits instead of failing fails the test, not the build. */
    private static void play(Case c, Kind kind) {
        assertTimeoutPreemptively(TestThreads.GUARD, () -> BadInput.run(c, kind));
    }

    // ---- the table, documented --------------------------------------------------------------------

    private static final String BEGIN = "<!-- bad-input-table:begin -->";
    private static final String END = "<!-- bad-input-table:end -->";
    private static final String WRITE = "sluice.docs.write";

    @Test
    void theDocumentedTableIsTheCaseList() throws IOException {
        Path doc = repositoryRoot().resolve("docs/reliability.md");
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        assertThat(begin).as("the line %s in %s", BEGIN, doc).isNotNegative();
        assertThat(end).as("the line %s after the begin marker in %s", END, doc).isGreaterThan(begin);
        String table = BadInput.table(cases());
        String documented = text.substring(begin + BEGIN.length(), end).strip() + "\n";

        if (Boolean.getBoolean(WRITE) && !documented.equals(table)) {
            Files.writeString(
                    doc,
                    text.substring(0, begin + BEGIN.length()) + "\n" + table + text.substring(end),
                    StandardCharsets.UTF_8);
            return;
        }
        assertThat(documented)
                .as(
                        "the table between the markers of %s must be the one BadInputTest.cases() renders;"
                                + " to rewrite it, run: mvn -B -pl channel-core -am test -Dtest=BadInputTest"
                                + " -Dsurefire.failIfNoSpecifiedTests=false -D%s=true",
                        doc, WRITE)
                .isEqualTo(table);
    }

    /**
     * The repository's root: the nearest folder, from the working directory up, that holds the parent
     * {@code pom.xml} and this module (surefire runs in the module's folder, an IDE often at the root).
     */
    static Path repositoryRoot() {
        Path start = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
                .toAbsolutePath()
                .normalize();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml"))
                    && Files.isRegularFile(dir.resolve("channel-core/pom.xml"))) {
                return dir;
            }
        }
        throw new AssertionError("no folder holding pom.xml and channel-core/pom.xml at or above " + start);
    }

    // ---- the harness can fail ---------------------------------------------------------------------

    private static final Kind BOUNDED_16 = BadInput.kinds().stream()
            .filter(k -> k.toString().equals("bounded(16)"))
            .findFirst()
            .orElseThrow();

    @Test
    void aCallThatDoesNotThrowFailsTheCase() {
        Case accepted = bad("Sender.trySend(T)", "a valid element")
                .when(f -> f.tx.trySend(ELEMENT))
                .throwing(NPE, "element is null");

        assertThatThrownBy(() -> BadInput.run(accepted, BOUNDED_16))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("what the call threw");
    }

    @Test
    void aMessageThatDoesNotNameTheValueFailsTheCase() {
        Case vague = bad("Sender.trySend(T)", "`null`")
                .when(f -> f.tx.trySend(null))
                .throwing(NPE, "element must not be null");

        assertThatThrownBy(() -> BadInput.run(vague, BOUNDED_16))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("names the bad argument");
    }

    @Test
    void aCallThatChangesTheStateFailsTheCase() {
        Case takesThenThrows = bad("Sender.trySend(T)", "a call that takes an element, then throws")
                .given(Fixture::full)
                .when(f -> {
                    f.rx.tryRecv();
                    throw new NullPointerException("element is null");
                })
                .throwing(NPE, "element is null");

        assertThatThrownBy(() -> BadInput.run(takesThenThrows, BOUNDED_16))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("the state after the call");
    }

    @Test
    void aCallThatKeepsASlotFailsTheCase() {
        Case keepsASlot = bad("Sender.tryReserve(int)", "a call that reserves, then throws")
                .when(f -> {
                    f.tx.tryReserve(1);
                    throw new IllegalArgumentException("slots must be positive: 0");
                })
                .throwing(IAE, "slots must be positive: 0");

        assertThatThrownBy(() -> BadInput.run(keepsASlot, BOUNDED_16))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("trySend #15");
    }
}
