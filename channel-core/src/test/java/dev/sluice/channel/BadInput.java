package dev.sluice.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.sluice.channel.TestUpstreams.Manual;
import dev.sluice.channel.testing.ChannelFlavor;
import dev.sluice.channel.testing.Flavors;
import dev.sluice.channel.testing.Flavors.Flavor;
import dev.sluice.channel.testing.TestThreads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.reactivestreams.FlowAdapters;
import org.reactivestreams.Subscription;

/**
 * The machinery of the bad-input table ({@link BadInputTest}): a {@link Case} names an API entry,
 * the bad input, the flavors it applies to, the error it must raise ({@link Outcome}) and what the
 * channel looks like afterwards ({@link After}); {@link #run} plays one case on one flavor, and
 * {@link #table} renders the cases as the markdown table of {@code docs/reliability.md}.
 *
 * <p>Every case runs in three steps on a fresh {@link Fixture}: {@code given} sets the situation
 * up (a full channel, a waiting receiver, a closed handle, a subscription...), then a snapshot of
 * the observable state is taken; {@code when} makes the bad call; then the outcome is checked, the
 * state is compared with the snapshot as the case's {@link After} says it must have changed (for
 * most cases: not at all), and {@link Fixture#assertStillWorks()} checks that the channel still
 * works: what was buffered comes out unchanged, a bounded channel still has exactly its capacity of
 * free slots, and an element sent through a healthy handle arrives.
 */
final class BadInput {

    private BadInput() {}

    /** The element a case sends when it needs a valid one. */
    static final int ELEMENT = 7;
    /** The element of the round trip that checks the channel still works. */
    static final int MARKER = 4242;
    /** The longest {@link Duration} there is. */
    static final Duration LONGEST = Duration.ofSeconds(Long.MAX_VALUE, 999_999_999);

    // ---- flavors --------------------------------------------------------------------------------

    /** A channel flavor ({@link Flavors}) with an overflow policy. */
    record Kind(Flavor flavor, Overflow overflow) {

        Channel<Integer> create() {
            return overflow == Overflow.BLOCK ? flavor.create() : builder().build();
        }

        ChannelBuilder<Integer> builder() {
            ChannelBuilder<Integer> builder = flavor.builder();
            return overflow == Overflow.BLOCK ? builder : builder.overflow(overflow);
        }

        int capacity() {
            return flavor.capacity();
        }

        boolean isRendezvous() {
            return flavor.isRendezvous();
        }

        boolean isUnbounded() {
            return flavor.isUnbounded();
        }

        boolean isBounded() {
            return flavor.isBounded();
        }

        @Override
        public String toString() {
            return flavor.name();
        }
    }

    /**
     * Every flavor of {@link Flavors#all()} (which wait when full), plus the two dropping policies
     * on their two implementations (a dropping channel must not drop for a refused element).
     */
    static List<Kind> kinds() {
        Stream<Kind> blocking = Flavors.all().map(f -> new Kind(f, Overflow.BLOCK));
        Stream<Kind> dropping = Stream.of(
                new Kind(new Flavor(ChannelFlavor.DROP_OLDEST, 4), Overflow.DROP_OLDEST),
                new Kind(
                        new Flavor(
                                "capacity(4).singleProducer().singleConsumer().overflow(DROP_NEWEST)",
                                ChannelFlavor.SPSC,
                                4),
                        Overflow.DROP_NEWEST));
        return Stream.concat(blocking, dropping).collect(Collectors.toList());
    }

    /** The flavors a case applies to (its behaviour is the same on all of them). */
    enum Scope {
        ALL("all", k -> true),
        BUFFERED("buffered", k -> !k.isRendezvous()),
        BOUNDED("bounded", Kind::isBounded),
        /** Where a send waits when there is no room. */
        WAITING_WHEN_FULL("bounded `BLOCK`, rendezvous", k -> !k.isUnbounded() && k.overflow() == Overflow.BLOCK),
        /** Where a fed sender can run out of room, and so its upstream out of demand. */
        FINITE("bounded, rendezvous", k -> !k.isUnbounded()),
        RENDEZVOUS("rendezvous", Kind::isRendezvous),
        UNBOUNDED("unbounded", Kind::isUnbounded),
        SINGLE_PRODUCER("`singleProducer()`", k -> k.flavor().singleProducer()),
        SINGLE_CONSUMER("`singleConsumer()`", k -> k.flavor().singleConsumer()),
        /** A static factory: runs once, with no channel. */
        NONE("—", k -> false);

        final String shown;
        final Predicate<Kind> applies;

        Scope(String shown, Predicate<Kind> applies) {
            this.shown = shown;
            this.applies = applies;
        }
    }

    // ---- a case ---------------------------------------------------------------------------------

    /** A step of a case, run on the fixture. */
    @FunctionalInterface
    interface Step {
        void run(Fixture f) throws Exception;
    }

    /** One row of the table. */
    record Case(String entry, String input, Scope scope, Step given, Step when, Outcome outcome, After after) {

        /** The same case with another expectation for the state afterwards. */
        Case leaving(After newAfter) {
            return new Case(entry, input, scope, given, when, outcome, newAfter);
        }

        String title() {
            return entry + " | " + input;
        }
    }

    /** Starts a case: {@code bad("Sender.send(T)", "`null`").on(ALL).given(...).when(...).throwing(...)}. */
    static CaseBuilder bad(String entry, String input) {
        return new CaseBuilder(entry, input);
    }

    static final class CaseBuilder {
        private final String entry;
        private final String input;
        private Scope scope = Scope.ALL;
        private Step given = f -> {};
        private Step when = f -> {};

        private CaseBuilder(String entry, String input) {
            this.entry = entry;
            this.input = input;
        }

        CaseBuilder on(Scope newScope) {
            this.scope = newScope;
            return this;
        }

        CaseBuilder given(Step step) {
            this.given = step;
            return this;
        }

        CaseBuilder when(Step step) {
            this.when = step;
            return this;
        }

        /** The call throws {@code type} with a message containing {@code fragment}. */
        Case throwing(Class<? extends Throwable> type, String fragment) {
            return expect(new Throws(type, Message.of(fragment)));
        }

        /** The call throws {@code type} with a message that depends on the flavor. */
        Case throwing(Class<? extends Throwable> type, Message message) {
            return expect(new Throws(type, message));
        }

        Case expect(Outcome outcome) {
            After after = scope == Scope.NONE ? After.NOTHING_CREATED : After.UNCHANGED;
            return new Case(entry, input, scope, given, when, outcome, after);
        }
    }

    /** An expected message fragment, shown as {@code shown}; it may depend on the flavor. */
    record Message(String shown, Function<Kind, String> expected) {
        static Message of(String fragment) {
            return new Message(fragment, k -> fragment);
        }
    }

    // ---- outcomes -------------------------------------------------------------------------------

    /** What the bad call must do: the error column. */
    interface Outcome {
        String describe();

        void verify(Fixture f, Throwable thrown) throws Exception;
    }

    /** Throws at once. */
    record Throws(Class<? extends Throwable> type, Message message) implements Outcome {
        @Override
        public String describe() {
            return "throws `" + type.getSimpleName() + "`: \"" + message.shown() + "\"";
        }

        @Override
        public void verify(Fixture f, Throwable thrown) {
            assertThat(thrown).as("what the call threw").isInstanceOf(type);
            assertThat(thrown.getMessage())
                    .as("the message names the bad argument or value")
                    .contains(message.expected().apply(f.kind));
        }
    }

    /** Returns normally; the error reaches the subscriber {@link Fixture#watched} as {@code onError}. */
    record Signals(Class<? extends Throwable> type, Message message) implements Outcome {
        static Signals of(Class<? extends Throwable> type, String fragment) {
            return new Signals(type, Message.of(fragment));
        }

        @Override
        public String describe() {
            return "signals `onError(" + type.getSimpleName() + ")`: \"" + message.shown() + "\"";
        }

        @Override
        public void verify(Fixture f, Throwable thrown) {
            assertThat(thrown).as("the call returns normally").isNull();
            RecordingSubscriber<Integer> s = Objects.requireNonNull(f.watched, "the case names no subscriber");
            assertThat(s.isSubscribed()).as("onSubscribe came first (§1.9)").isTrue();
            // No other thread is involved: the refusal is signalled during the call, on its thread.
            assertThat(s.isTerminated()).as("a terminal signal during the call").isTrue();
            s.assertFailedOnce();
            assertThat(s.error()).isInstanceOf(type);
            assertThat(s.error().getMessage()).contains(message.expected().apply(f.kind));
            assertThat(s.values())
                    .as("elements delivered to the refused subscriber")
                    .isEmpty();
        }
    }

    /** Returns normally; the subscription offered ({@link Fixture#offered}) is cancelled (§2.5). */
    record CancelsIt() implements Outcome {
        @Override
        public String describe() {
            return "cancels that `Subscription` (§2.5), requests nothing";
        }

        @Override
        public void verify(Fixture f, Throwable thrown) {
            assertThat(thrown).as("the call returns normally").isNull();
            Manual offered = Objects.requireNonNull(f.offered, "the case offers no subscription");
            assertThat(offered.cancels()).as("cancel() calls").isEqualTo(1);
            assertThat(offered.requested()).as("requested").isZero();
        }
    }

    /** Returns normally with an answer; not an error (a zero or huge value that is valid). */
    record Returns(String shown, Predicate<Object> check) implements Outcome {
        static Returns value(Object expected) {
            return new Returns("`" + expected + "`", answer -> Objects.equals(answer, expected));
        }

        @Override
        public String describe() {
            return "no error: returns " + shown;
        }

        @Override
        public void verify(Fixture f, Throwable thrown) {
            assertThat(thrown).as("the call returns normally").isNull();
            assertThat(f.answer).as("the answer (%s)", shown).matches(check);
        }
    }

    /** Returns normally and does nothing else (a no-op the specification demands). */
    record Ignored(String shown, Step check) implements Outcome {
        static Ignored because(String shown) {
            return new Ignored(shown, f -> {});
        }

        @Override
        public String describe() {
            return "no error: " + shown;
        }

        @Override
        public void verify(Fixture f, Throwable thrown) throws Exception {
            assertThat(thrown).as("the call returns normally").isNull();
            check.run(f);
        }
    }

    /**
     * Returns normally (§2.13), cancels the upstream and fails the channel with {@code type}: the
     * upstream broke the specification, which the channel treats as an upstream error.
     */
    record FailsTheChannel(Class<? extends Throwable> type, Message message) implements Outcome {
        @Override
        public String describe() {
            return "cancels the upstream; the channel fails with `" + type.getSimpleName() + "`: \"" + message.shown()
                    + "\" as the cause";
        }

        @Override
        public void verify(Fixture f, Throwable thrown) {
            assertThat(thrown).as("the call returns normally (§2.13)").isNull();
            Manual upstream = Objects.requireNonNull(f.upstream, "the case subscribes no upstream");
            assertThat(upstream.cancels()).as("cancel() calls on the upstream").isEqualTo(1);
            f.expectedFailure = failure -> {
                assertThat(failure).isInstanceOf(type);
                assertThat(failure.getMessage()).contains(message.expected().apply(f.kind));
            };
        }
    }

    // ---- afterwards -----------------------------------------------------------------------------

    /** What the channel looks like afterwards: the state column. */
    enum After {
        UNCHANGED("unchanged; still works") {
            @Override
            Snapshot expect(Snapshot before, Fixture f) {
                return before;
            }
        },
        SUBSCRIPTION_ENDS("that receiver handle closes (R2, as on `cancel`); the rest unchanged, still works") {
            @Override
            Snapshot expect(Snapshot before, Fixture f) {
                int receivers = before.receivers() - 1;
                if (receivers == 0) {
                    f.expected.clear(); // the last receiver closed: the buffer is discarded
                }
                return new Snapshot(
                        receivers == 0 ? 0 : before.size(),
                        before.closed() || receivers == 0,
                        before.senders(),
                        receivers,
                        before.dropped(),
                        before.txClosed(),
                        true,
                        before.permitRemaining());
            }
        },
        CHANNEL_FAILED("the fed sender handle closes; buffered elements still drain, then the cause") {
            @Override
            Snapshot expect(Snapshot before, Fixture f) {
                return new Snapshot(
                        before.size(),
                        true,
                        before.senders() - 1,
                        before.receivers(),
                        before.dropped(),
                        true,
                        before.rxClosed(),
                        before.permitRemaining());
            }
        },
        TOOK_THE_FIRST("the first element was taken; the rest unchanged, still works") {
            @Override
            Snapshot expect(Snapshot before, Fixture f) {
                f.expected.remove(0);
                return before.withSize(before.size() - 1);
            }
        },
        TOOK_EVERYTHING("every buffered element was delivered; still works") {
            @Override
            Snapshot expect(Snapshot before, Fixture f) {
                f.expected.clear();
                return before.withSize(0);
            }
        },
        SENT_IT("the waiting receiver got the element; the rest unchanged, still works") {
            @Override
            Snapshot expect(Snapshot before, Fixture f) {
                f.expected.add(ELEMENT);
                return before;
            }
        },
        BUILDER_UNCHANGED("the builder is unchanged: it still builds this flavor, which works") {
            @Override
            Snapshot expect(Snapshot before, Fixture f) {
                return before;
            }
        },
        NOTHING_CREATED("no channel is created") {
            @Override
            Snapshot expect(Snapshot before, Fixture f) {
                return before;
            }
        },
        /** A static factory that accepted its (edge) argument: there is no earlier state. */
        NEW_CHANNEL("—") {
            @Override
            Snapshot expect(Snapshot before, Fixture f) {
                return before;
            }
        };

        final String shown;

        After(String shown) {
            this.shown = shown;
        }

        /** The state the case must leave, given the state before the bad call. */
        abstract Snapshot expect(Snapshot before, Fixture f);
    }

    /** What a channel and the fixture's handles report. */
    record Snapshot(
            int size,
            boolean closed,
            int senders,
            int receivers,
            long dropped,
            boolean txClosed,
            boolean rxClosed,
            int permitRemaining) {

        static Snapshot of(Fixture f) {
            return new Snapshot(
                    f.ch.size(),
                    f.ch.isClosed(),
                    f.ch.senderCount(),
                    f.ch.receiverCount(),
                    f.ch.droppedCount(),
                    f.tx.isHandleClosed(),
                    f.rx.isHandleClosed(),
                    f.permit == null ? -1 : f.permit.remaining());
        }

        Snapshot withSize(int newSize) {
            return new Snapshot(newSize, closed, senders, receivers, dropped, txClosed, rxClosed, permitRemaining);
        }
    }

    // ---- the fixture ----------------------------------------------------------------------------

    /**
     * A fresh channel of one flavor, its first handles, a spare clone of each where the flavor
     * allows one (so that a case closing or using up the first handle leaves a healthy one), and
     * what the case set up.
     */
    static final class Fixture {
        final Kind kind;
        final Channel<Integer> ch;
        final Sender<Integer> tx;
        final Receiver<Integer> rx;
        final Sender<Integer> spareTx;
        final Receiver<Integer> spareRx;

        /** What the channel must deliver, in order, before the round trip's marker. */
        final List<Integer> expected = new ArrayList<>();
        /** A pending {@code recvAsync}: a receiver waiting for the next element. */
        CompletableFuture<Integer> waitingReceive;
        /** A subscriber that owns {@link #rx}. */
        RecordingSubscriber<Integer> downstream;
        /** The subscriber whose signals the outcome checks. */
        RecordingSubscriber<Integer> watched;
        /** An upstream subscribed into {@link #tx}. */
        Manual upstream;
        /** A subscription offered by the bad call (checked by {@link CancelsIt}). */
        Manual offered;

        Permit<Integer> permit;
        Readiness registration;
        Iterator<Integer> iterator;
        ChannelBuilder<Integer> builder;
        /** What the bad call returned, for {@link Returns}. */
        Object answer;
        /** How the receivers must see the end, if the case fails the channel. */
        Consumer<Throwable> expectedFailure;

        Fixture(Kind kind) {
            this(kind, kind.create());
        }

        Fixture(Kind kind, Channel<Integer> ch) {
            this.kind = kind;
            this.ch = ch;
            this.tx = ch.sender();
            this.rx = ch.receiver();
            this.spareTx = kind.flavor().singleProducer() ? null : tx.clone();
            this.spareRx = kind.flavor().singleConsumer() ? null : rx.clone();
        }

        // ---- situations (for given) ----

        /** Fills a bounded channel to its capacity; an unbounded one gets 3 elements; a rendezvous none. */
        void full() {
            int n = kind.isUnbounded() ? 3 : kind.capacity();
            sendNow(n);
        }

        /** Like {@link #full()} but one short of the capacity, then reserves the last slot. */
        void fullWithAPermit() {
            sendNow(kind.isUnbounded() ? 3 : kind.capacity() - 1);
            permit = tx.tryReserve(1);
            assertThat(permit).as("a permit for the last free slot").isNotNull();
        }

        private void sendNow(int n) {
            for (int i = 0; i < n; i++) {
                int element = expected.size();
                assertThat(tx.trySend(element))
                        .as("trySend(%s) into a channel with room", element)
                        .isEqualTo(SendStatus.SENT);
                expected.add(element);
            }
        }

        /** An empty channel with a receiver waiting (a pending {@code recvAsync}). */
        void receiverWaiting() {
            waitingReceive = rx.recvAsync().toCompletableFuture();
            assertThat(waitingReceive).as("recvAsync on an empty channel").isNotDone();
        }

        /** Subscribes a recording subscriber (no demand yet) to {@link #rx}. */
        void subscribed() {
            downstream = new RecordingSubscriber<>();
            rx.subscribe(downstream);
            watched = downstream;
        }

        /** Subscribes a manual upstream into {@link #tx}; on an empty channel it gets demand at once. */
        void fed() {
            upstream = new Manual();
            upstream.subscribeWith(tx);
            assertThat(upstream.requested()).as("demand for the upstream").isPositive();
        }

        /** Closes the first receiver handle; when it was the last one, the buffer is discarded. */
        void closeRx() {
            rx.close();
            if (ch.receiverCount() == 0) {
                expected.clear();
            }
        }

        /**
         * Subscribes a manual upstream into {@link #tx} and emits what it is asked for until it is asked
         * for no more: the channel is full (on a rendezvous channel, the one element requested waits
         * for a receiver).
         */
        void fedAndOutOfDemand() {
            fed();
            while (upstream.outstanding() > 0) {
                int element = upstream.next();
                upstream.emit(1);
                if (!kind.isRendezvous()) {
                    expected.add(element);
                }
            }
            assertThat(ch.size()).as("the fed channel is full").isEqualTo(kind.isRendezvous() ? 0 : kind.capacity());
        }

        /** Subscribes a recording subscriber to {@link #rx} through its {@link Flow.Publisher} view. */
        void subscribedThroughFlow() {
            downstream = new RecordingSubscriber<>();
            rx.asFlowPublisher().subscribe(FlowAdapters.toFlowSubscriber(downstream));
            watched = downstream;
        }

        /** Subscribes a manual upstream into {@link #tx} through its {@link Flow.Subscriber} view. */
        void fedThroughFlow() {
            upstream = new Manual();
            upstream.downstream = tx;
            tx.asFlowSubscriber().onSubscribe(flow(upstream));
            assertThat(upstream.requested()).as("demand for the upstream").isPositive();
        }

        /** A {@link Flow.Subscription} view of a test upstream. */
        static Flow.Subscription flow(Subscription s) {
            return new Flow.Subscription() {
                @Override
                public void request(long n) {
                    s.request(n);
                }

                @Override
                public void cancel() {
                    s.cancel();
                }
            };
        }

        // ---- checking ----

        /** The channel works: buffered elements come out unchanged, the room is intact, a round trip works. */
        void assertStillWorks() throws Exception {
            if (permit != null && permit.remaining() > 0) {
                permit.send(ELEMENT); // the permit still holds its slot
                expected.add(ELEMENT);
            }
            if (permit != null) {
                permit.close();
            }
            Receiving receiving = receiving();
            List<Integer> received = new ArrayList<>();
            if (waitingReceive != null && !expected.isEmpty()) {
                assertThat(waitingReceive)
                        .as("the waiting receiver got the element")
                        .isDone();
                received.add(waitingReceive.getNow(null));
                waitingReceive = null;
            }
            if (receiving != null) {
                received.addAll(receiving.take(expected.size() - received.size()));
            }
            assertThat(received).as("the buffered elements, unchanged").isEqualTo(expected);

            if (ch.isClosed()) {
                for (Sender<Integer> s : openSenders()) {
                    assertThat(s.trySend(MARKER))
                            .as("a send into the closed channel")
                            .isEqualTo(SendStatus.CLOSED);
                }
                if (receiving != null) {
                    receiving.assertEnded(expectedFailure);
                }
                return;
            }
            assertThat(receiving).as("an open channel has a receiver").isNotNull();
            boolean feeding = upstream != null && !upstream.isCancelled() && !tx.isHandleClosed();
            Sender<Integer> plain = feeding ? null : healthySender();
            if (plain != null && kind.isBounded() && waitingReceive == null && receiving instanceof Plain) {
                assertRoomIntact(plain, receiving);
            }
            Supplier<Integer> next;
            if (waitingReceive != null) {
                CompletableFuture<Integer> w = waitingReceive;
                assertThat(w).as("the waiting receiver still waits").isNotDone();
                next = () -> w.orTimeout(TestThreads.GUARD.toNanos(), TimeUnit.NANOSECONDS)
                        .join();
            } else {
                next = receiving.takeLater();
            }
            int sent;
            if (feeding) {
                assertThat(upstream.outstanding()).as("demand of the upstream").isPositive();
                sent = upstream.next();
                upstream.emit(1);
            } else {
                assertThat(plain).as("a healthy sender").isNotNull();
                assertThat(plain.send(MARKER, TestThreads.GUARD))
                        .as("the round trip's send")
                        .isTrue();
                sent = MARKER;
            }
            assertThat(next.get()).as("the round trip's receive").isEqualTo(sent);
        }

        /** Exactly the capacity is free: no slot was kept, nothing was dropped. */
        private void assertRoomIntact(Sender<Integer> s, Receiving receiving) {
            long dropped = ch.droppedCount();
            List<Integer> sent = new ArrayList<>();
            for (int i = 0; i < kind.capacity(); i++) {
                assertThat(s.trySend(1000 + i))
                        .as("trySend #%s into an empty channel", i)
                        .isEqualTo(SendStatus.SENT);
                sent.add(1000 + i);
            }
            assertThat(ch.size()).as("the whole capacity is free").isEqualTo(kind.capacity());
            if (kind.overflow() != Overflow.DROP_OLDEST) { // which would make room by evicting
                assertThat(s.trySend(-1)).as("trySend past the capacity").isEqualTo(SendStatus.FULL);
            }
            assertThat(ch.droppedCount()).as("dropped").isEqualTo(dropped);
            assertThat(receiving.take(sent.size())).isEqualTo(sent);
        }

        private List<Sender<Integer>> openSenders() {
            List<Sender<Integer>> open = new ArrayList<>();
            for (Sender<Integer> s : Arrays.asList(tx, spareTx)) {
                if (s != null && !s.isHandleClosed() && !(s == tx && upstream != null)) {
                    open.add(s);
                }
            }
            return open;
        }

        private Sender<Integer> healthySender() {
            List<Sender<Integer>> open = openSenders();
            return open.isEmpty() ? null : open.get(0);
        }

        /** How the round trip receives: through the live subscription of rx, or a plain open handle. */
        private Receiving receiving() {
            if (downstream != null && !downstream.isTerminated() && !rx.isHandleClosed()) {
                return new Subscribed(downstream);
            }
            boolean rxTaken = downstream != null || watched != null;
            for (Receiver<Integer> r : Arrays.asList(rx, spareRx)) {
                if (r != null && !r.isHandleClosed() && !(r == rx && rxTaken)) {
                    return new Plain(r);
                }
            }
            return null;
        }
    }

    /** One way of receiving for the round trip. */
    interface Receiving {
        /** What is there now, up to {@code n} elements (a plain handle takes everything there is). */
        List<Integer> take(int n);

        /** Asks for one element; the supplier waits for it. */
        Supplier<Integer> takeLater();

        /** The channel is closed and drained: the end is seen, with the cause if it failed. */
        void assertEnded(Consumer<Throwable> failure);
    }

    record Plain(Receiver<Integer> rx) implements Receiving {
        @Override
        public List<Integer> take(int n) {
            List<Integer> taken = new ArrayList<>();
            try {
                for (Integer e = rx.tryRecv(); e != null; e = rx.tryRecv()) {
                    taken.add(e);
                }
            } catch (ChannelClosedException closedAndDrained) {
                // everything there was is taken; assertEnded looks at the end itself
            }
            return taken;
        }

        @Override
        public Supplier<Integer> takeLater() {
            CompletableFuture<Integer> f = rx.recvAsync().toCompletableFuture();
            return () -> f.orTimeout(TestThreads.GUARD.toNanos(), TimeUnit.NANOSECONDS)
                    .join();
        }

        @Override
        public void assertEnded(Consumer<Throwable> failure) {
            Throwable end = catchThrowable(rx::tryRecv);
            assertThat(end).as("tryRecv on a closed, drained channel").isInstanceOf(ChannelClosedException.class);
            if (failure == null) {
                assertThat(end.getCause()).as("the cause of the end").isNull();
            } else {
                failure.accept(end.getCause());
            }
        }
    }

    record Subscribed(RecordingSubscriber<Integer> s) implements Receiving {
        @Override
        public List<Integer> take(int n) {
            int before = s.valueCount();
            if (n > 0) {
                s.request(n); // delivers what is there, on this thread
            }
            List<Integer> values = s.values();
            return values.subList(before, values.size());
        }

        @Override
        public Supplier<Integer> takeLater() {
            int before = s.valueCount();
            s.request(1);
            return () -> s.awaitValues(before + 1).values().get(before);
        }

        @Override
        public void assertEnded(Consumer<Throwable> failure) {
            s.awaitTerminated();
            if (failure == null) {
                s.assertCompletedOnce();
            } else {
                s.assertFailedOnce();
                failure.accept(s.error());
            }
        }
    }

    // ---- running --------------------------------------------------------------------------------

    /** Plays {@code c} on a fresh channel of flavor {@code kind} (any flavor for a static factory). */
    static void run(Case c, Kind kind) throws Exception {
        Fixture f = new Fixture(kind);
        if (c.scope() == Scope.NONE) { // the fixture only holds the answer
            Throwable thrown = catchAll(() -> c.when().run(f));
            c.outcome().verify(f, thrown);
            return;
        }
        c.given().run(f);
        Snapshot before = Snapshot.of(f);

        Throwable thrown = catchAll(() -> c.when().run(f));

        c.outcome().verify(f, thrown);
        if (c.after() == After.BUILDER_UNCHANGED) {
            assertBuilderUnchanged(f);
            return;
        }
        Snapshot expected = c.after().expect(before, f);
        assertThat(Snapshot.of(f))
                .as("the state after the call (before: %s)", before)
                .isEqualTo(expected);
        f.assertStillWorks();
        if (f.downstream != null) {
            f.downstream.assertNoViolations();
        }
    }

    /** The builder still builds a channel of this flavor, and it works. */
    private static void assertBuilderUnchanged(Fixture refused) throws Exception {
        Channel<Integer> built = refused.builder.build();
        assertThat(built)
                .as("what the builder builds after the refusal")
                .hasToString(refused.kind.create().toString());
        Fixture f = new Fixture(refused.kind, built);
        f.full();
        f.assertStillWorks();
    }

    @FunctionalInterface
    private interface Call {
        void run() throws Exception;
    }

    private static Throwable catchAll(Call call) {
        try {
            call.run();
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    // ---- the table ------------------------------------------------------------------------------

    /** The markdown table of the cases, one row each, in order. */
    static String table(List<Case> cases) {
        StringBuilder out = new StringBuilder();
        out.append("| API entry | bad input | flavors | error | afterwards |\n");
        out.append("|---|---|---|---|---|\n");
        for (Case c : cases) {
            out.append("| `")
                    .append(cell(c.entry()))
                    .append("` | ")
                    .append(cell(c.input()))
                    .append(" | ")
                    .append(cell(c.scope().shown))
                    .append(" | ")
                    .append(cell(c.outcome().describe()))
                    .append(" | ")
                    .append(cell(c.after().shown))
                    .append(" |\n");
        }
        return out.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
