package dev.sluice.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.channel.testing.ChannelFlavor;
import dev.sluice.channel.testing.TestThreads;
import dev.sluice.channel.testing.TestThreads.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * S14 and S15: {@link Select} over receive and send clauses on every flavor. The scenarios follow
 * Go's and crossbeam-channel's own select tests, written afresh: a ready clause fires, the default
 * when none is, timeouts, closed channels, fairness within statistical bounds, the same channel twice,
 * both ends of one rendezvous channel, races where two partners arrive at once (exactly one clause
 * takes effect), and many threads selecting across overlapping channel sets with exact accounting.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SelectTest {
    private static final Duration SHORT = Duration.ofMillis(20);
    /** How long a racing partner waits before giving up: the loser of each race waits it out. */
    private static final Duration WINDOW = Duration.ofMillis(5);

    // ---- a ready clause, the default, timeouts ----------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @EnumSource(ChannelFlavor.class)
    void aReadyReceiveClauseFiresAtOnce(ChannelFlavor flavor) throws Exception {
        Channel<String> empty = flavor.create(4);
        Channel<String> ready = Channel.bounded(4);
        ready.sender().send("x");
        Selected s = Select.create()
                .receive(empty.receiver())
                .receive(ready.receiver())
                .select();
        assertThat(s.index()).isEqualTo(1);
        assertThat(s.isReceive()).isTrue();
        assertThat(s.<String>value()).isEqualTo("x");
        assertThat(s.isClosed()).isFalse();
        assertThat(ready.receiver().size()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ChannelFlavor.class)
    void theDefaultCaseWhenNothingIsReadyChangesNothing(ChannelFlavor flavor) throws Exception {
        Channel<String> a = flavor.create(1);
        Channel<String> full = Channel.bounded(1);
        full.sender().send("kept");
        Select sel = Select.create().receive(a.receiver()).send(full.sender(), "extra");
        assertThat(sel.trySelect()).isNull();
        assertThat(a.receiver().tryRecv()).isNull();
        assertThat(full.receiver().tryRecv()).isEqualTo("kept");
        assertThat(full.receiver().tryRecv())
                .as("the send clause put nothing in")
                .isNull();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ChannelFlavor.class)
    void aTimeoutReturnsNullAndLeavesEveryChannelAsItWas(ChannelFlavor flavor) throws Exception {
        Channel<String> a = flavor.create(2);
        Channel<String> b = flavor.create(2);
        List<String> filled = new ArrayList<>();
        // an unbounded channel is never full, and a drop-oldest one makes room by evicting
        boolean neverFull = flavor == ChannelFlavor.UNBOUNDED || flavor == ChannelFlavor.DROP_OLDEST;
        while (!neverFull
                && flavor.capacity(2) > 0
                && b.sender().trySend("filler " + filled.size()) == SendStatus.SENT) {
            filled.add("filler " + filled.size()); // the send clause must wait
        }
        Select sel = Select.create().receive(a.receiver());
        if (!neverFull) {
            sel.send(b.sender(), "never");
        }
        assertThat(sel.select(SHORT)).isNull();
        // nothing was left behind: a registration would now swallow these
        if (flavor.capacity(2) == 0) {
            assertThat(b.receiver().tryRecv())
                    .as("no sender party left on the rendezvous")
                    .isNull();
            assertThat(a.sender().trySend("y")).as("no receiver party left").isEqualTo(SendStatus.FULL);
        } else {
            for (String f : filled) {
                assertThat(b.receiver().tryRecv()).isEqualTo(f);
            }
            assertThat(b.receiver().tryRecv()).isNull();
            a.sender().send("y");
            assertThat(a.receiver().tryRecv()).isEqualTo("y");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ChannelFlavor.class)
    void aWaitingSelectIsWokenByTheClauseThatBecomesReady(ChannelFlavor flavor) throws Exception {
        for (int round = 0; round < 50; round++) {
            Channel<Integer> a = flavor.create(4);
            Channel<Integer> b = flavor.create(4);
            Worker<Selected> selecting = TestThreads.call("select", () -> Select.create()
                    .receive(a.receiver())
                    .receive(b.receiver())
                    .select());
            if (round % 5 == 0) {
                selecting.awaitBlocked();
            }
            b.sender().send(round);
            Selected s = selecting.join();
            assertThat(s.index()).isEqualTo(1);
            assertThat(s.<Integer>value()).isEqualTo(round);
            assertThat(a.receiver().tryRecv()).isNull();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(
            value = ChannelFlavor.class,
            names = {"BOUNDED", "SPSC", "RENDEZVOUS", "SINGLE_PRODUCER"})
    void aSendClauseFiresWhenRoomOrAReceiverComes(ChannelFlavor flavor) throws Exception {
        Channel<String> ch = flavor.create(1);
        Channel<String> other = Channel.bounded(1);
        other.sender().send("full");
        if (flavor.capacity(1) > 0) {
            ch.sender().send("first");
        }
        Worker<Selected> selecting = TestThreads.call("select", () -> Select.create()
                .send(other.sender(), "no room")
                .send(ch.sender(), "second")
                .select());
        selecting.awaitBlocked();
        if (flavor.capacity(1) > 0) {
            assertThat(ch.receiver().recv()).isEqualTo("first"); // room: the clause's trySend goes through
        } else {
            assertThat(ch.receiver().recv()).isEqualTo("second"); // a receiver: it takes the clause's element
        }
        Selected s = selecting.join();
        assertThat(s.index()).isEqualTo(1);
        assertThat(s.isReceive()).isFalse();
        if (flavor.capacity(1) > 0) {
            assertThat(ch.receiver().recv()).isEqualTo("second");
        }
        assertThat(other.receiver().tryRecv()).isEqualTo("full");
        assertThat(other.receiver().tryRecv()).isNull();
    }

    @Test
    void aRendezvousSendClauseHandsItsElementToAReceiver() throws Exception {
        Channel<String> ch = Channel.rendezvous();
        Worker<Selected> selecting = TestThreads.call(
                "select", () -> Select.create().send(ch.sender(), "hello").select());
        assertThat(ch.receiver().recv()).isEqualTo("hello");
        assertThat(selecting.join().index()).isZero();
    }

    // ---- closed channels (S15) --------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @EnumSource(ChannelFlavor.class)
    void aClosedAndDrainedReceiveClauseIsReadyAndCarriesTheCause(ChannelFlavor flavor) throws Exception {
        Channel<String> open = flavor.create(4);
        Channel<String> failed = flavor.create(4);
        IllegalStateException cause = new IllegalStateException("upstream broke");
        Worker<Selected> selecting = TestThreads.call("select", () -> Select.create()
                .receive(open.receiver())
                .receive(failed.receiver())
                .select());
        failed.sender().fail(cause);
        Selected s = selecting.join();
        assertThat(s.index()).isEqualTo(1);
        assertThat(s.isClosed()).isTrue();
        assertThat(s.closed()).isInstanceOf(ChannelClosedException.class).hasCause(cause);
        assertThatThrownBy(s::value).isInstanceOf(IllegalStateException.class);
        // and at once, when it is closed before the select
        Selected again = Select.create()
                .receive(open.receiver())
                .receive(failed.receiver())
                .select();
        assertThat(again.index()).isEqualTo(1);
        assertThat(again.isClosed()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ChannelFlavor.class)
    void aSendClauseOnAChannelClosedForSendingIsReadyAndKeepsTheElement(ChannelFlavor flavor) throws Exception {
        Channel<String> ch = flavor.create(4);
        Channel<String> full = Channel.bounded(1);
        full.sender().send("x");
        ch.receiver().close(); // the only receiver leaves: closed for sending
        List<ChannelClosedException> seen = new ArrayList<>();
        Selected s = Select.create()
                .send(full.sender(), "y")
                .onSend(ch.sender(), "kept", () -> {}, seen::add)
                .select();
        assertThat(s.index()).isEqualTo(1);
        assertThat(s.isClosed()).isTrue();
        assertThat(seen).hasSize(1);
    }

    @Test
    void aBufferedChannelClosedWithElementsDeliversThemBeforeReportingClosed() throws Exception {
        Channel<Integer> ch = Channel.bounded(4);
        ch.sender().send(1);
        ch.sender().send(2);
        ch.sender().close();
        Select sel = Select.create().receive(ch.receiver());
        assertThat(sel.select().<Integer>value()).isEqualTo(1);
        assertThat(sel.select().<Integer>value()).isEqualTo(2);
        assertThat(sel.select().isClosed()).isTrue();
    }

    // ---- fairness (S15) ---------------------------------------------------------------------------

    @Test
    void fairByDefaultWithinStatisticalBoundsAndBiasedOnRequest() throws Exception {
        int rounds = 20_000;
        Channel<Integer> a = Channel.unbounded();
        Channel<Integer> b = Channel.unbounded();
        for (int i = 0; i < rounds; i++) {
            a.sender().send(i);
            b.sender().send(i);
        }
        Select fair = Select.create().receive(a.receiver()).receive(b.receiver());
        int first = 0;
        for (int i = 0; i < rounds / 2; i++) {
            if (fair.select().index() == 0) {
                first++;
            }
        }
        // binomial(10,000, 1/2): standard deviation 50; 10 of them either way
        assertThat(first).isBetween(rounds / 4 - 500, rounds / 4 + 500);

        Select biased = Select.create().biased().receive(a.receiver()).receive(b.receiver());
        for (int i = 0; i < 1000; i++) {
            assertThat(biased.select().index()).isZero();
        }
    }

    // ---- the same channel twice, both ends of one rendezvous ---------------------------------------

    @ParameterizedTest(name = "{0}")
    @EnumSource(ChannelFlavor.class)
    void theSameChannelTwiceTakesOneElement(ChannelFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create(4);
        Worker<Selected> selecting = TestThreads.call("select", () -> Select.create()
                .receive(ch.receiver())
                .receive(ch.receiver())
                .select());
        if (flavor.capacity(4) == 0) {
            ch.sender().send(7);
        } else {
            ch.sender().send(7);
            ch.sender().send(8);
        }
        Selected s = selecting.join();
        assertThat(s.<Integer>value()).isEqualTo(7);
        if (flavor.capacity(4) > 0) {
            assertThat(ch.receiver().tryRecv())
                    .as("the other clause took nothing")
                    .isEqualTo(8);
        }
    }

    @Test
    void bothEndsOfOneRendezvousChannelNeverMatchEachOther() throws Exception {
        Channel<String> ch = Channel.rendezvous();
        Select sel = Select.create().send(ch.sender(), "out").receive(ch.receiver());
        assertThat(sel.trySelect()).isNull();
        assertThat(sel.select(SHORT)).as("alone, it must wait out the timeout").isNull();
        // a partner receiving: the send clause fires
        Worker<Selected> selecting = TestThreads.call("select", sel::select);
        assertThat(ch.receiver().recv()).isEqualTo("out");
        assertThat(selecting.join().index()).isZero();
        // a partner sending: the receive clause fires
        Worker<Selected> again = TestThreads.call("select", sel::select);
        again.awaitBlocked();
        ch.sender().send("in");
        Selected s = again.join();
        assertThat(s.index()).isEqualTo(1);
        assertThat(s.<String>value()).isEqualTo("in");
    }

    @Test
    void twoSelectsOnOppositeEndsOfARendezvousMeet() throws Exception {
        for (int round = 0; round < 200; round++) {
            Channel<Integer> ch = Channel.rendezvous();
            Channel<Integer> never = Channel.bounded(1);
            int value = round;
            Worker<Selected> sending = TestThreads.call("send-select", () -> Select.create()
                    .receive(never.receiver())
                    .send(ch.sender(), value)
                    .select());
            Worker<Selected> receiving = TestThreads.call("recv-select", () -> Select.create()
                    .receive(never.receiver())
                    .receive(ch.receiver())
                    .select());
            assertThat(sending.join().index()).isEqualTo(1);
            Selected r = receiving.join();
            assertThat(r.index()).isEqualTo(1);
            assertThat(r.<Integer>value()).isEqualTo(value);
        }
    }

    // ---- exactly one clause takes effect (S14) ----------------------------------------------------

    /**
     * Two rendezvous partners arrive at once, one on each of the select's clauses: exactly one
     * hand-off happens; the other partner's send fails (times out) with its element kept.
     */
    @Test
    void twoPartnersArrivingAtOnceMakeExactlyOneHandOff() throws Exception {
        for (int round = 0; round < 500; round++) {
            Channel<Integer> a = Channel.rendezvous();
            Channel<Integer> b = Channel.rendezvous();
            CyclicBarrier start = new CyclicBarrier(2);
            Worker<Selected> selecting = TestThreads.call("select", () -> Select.create()
                    .receive(a.receiver())
                    .receive(b.receiver())
                    .select());
            if (round % 2 == 0) {
                selecting.awaitBlocked();
            }
            Worker<Boolean> sendA = TestThreads.call("send-a", () -> {
                start.await();
                return a.sender().send(1, WINDOW);
            });
            Worker<Boolean> sendB = TestThreads.call("send-b", () -> {
                start.await();
                return b.sender().send(2, WINDOW);
            });
            boolean sentA = sendA.join();
            boolean sentB = sendB.join();
            assertThat(sentA && sentB)
                    .as("round %d: two hand-offs to one select", round)
                    .isFalse();
            if (!sentA && !sentB) {
                a.sender().send(3); // the select was not scheduled within the window: release it
            }
            Selected s = selecting.join();
            assertThat(s.<Integer>value()).isEqualTo(sentA ? 1 : sentB ? 2 : 3);
        }
    }

    /** Mixed flavors, with receive and send clauses, raced by partners on every clause. */
    @Test
    void raceAcrossFlavorsTakesExactlyOneEffect() throws Exception {
        for (int round = 0; round < 500; round++) {
            Channel<Integer> in = Channel.rendezvous();
            Channel<Integer> buffered = Channel.bounded(1);
            Channel<Integer> out = Channel.rendezvous();
            CyclicBarrier start = new CyclicBarrier(3);
            Worker<Selected> selecting = TestThreads.call("select", () -> Select.create()
                    .receive(in.receiver())
                    .receive(buffered.receiver())
                    .send(out.sender(), 100)
                    .select());
            Worker<Boolean> sendIn = TestThreads.call("send-in", () -> {
                start.await();
                return in.sender().send(1, WINDOW);
            });
            Worker<Boolean> sendBuffered = TestThreads.call("send-buffered", () -> {
                start.await();
                return buffered.sender().send(2, WINDOW);
            });
            Worker<Integer> recvOut = TestThreads.call("recv-out", () -> {
                start.await();
                return out.receiver().recv(WINDOW);
            });
            boolean sentIn = sendIn.join();
            boolean sentBuffered = sendBuffered.join(); // buffered: always accepted (room for one)
            Integer gotOut = recvOut.join();
            Selected s = selecting.join();
            assertThat(sentBuffered).isTrue();
            switch (s.index()) {
                case 0:
                    assertThat(s.<Integer>value()).isEqualTo(1);
                    assertThat(sentIn).isTrue();
                    assertThat(gotOut).isNull();
                    assertThat(buffered.receiver().tryRecv())
                            .as("round %d", round)
                            .isEqualTo(2);
                    break;
                case 1:
                    assertThat(s.<Integer>value()).isEqualTo(2);
                    assertThat(sentIn)
                            .as("round %d: the rendezvous partner was not matched", round)
                            .isFalse();
                    assertThat(gotOut).isNull();
                    break;
                default:
                    assertThat(gotOut).isEqualTo(100);
                    assertThat(sentIn).isFalse();
                    assertThat(buffered.receiver().tryRecv()).isEqualTo(2);
            }
        }
    }

    /**
     * Many threads selecting across overlapping channel sets of every kind, producers sending with
     * blocking sends; each element is received exactly once, in each producer's order per consumer,
     * and every consumer ends when all its channels are closed and drained.
     */
    @Test
    void manyThreadsSelectingAcrossOverlappingChannelsLoseAndDuplicateNothing() throws Exception {
        List<Channel<Long>> channels =
                List.of(Channel.bounded(4), Channel.rendezvous(), Channel.bounded(64), Channel.unbounded());
        int[][] sets = {{0, 1}, {1, 2}, {2, 3}, {3, 0}, {0, 1, 2, 3}};
        int producersPerChannel = 2;
        int each = 5_000;
        List<Worker<List<Long>>> consumers = new ArrayList<>();
        for (int[] set : sets) {
            List<Receiver<Long>> mine = new ArrayList<>();
            for (int c : set) {
                mine.add(channels.get(c).receiver().clone());
            }
            consumers.add(TestThreads.call("consumer", () -> consume(mine)));
        }
        List<Worker<Void>> producers = new ArrayList<>();
        for (int c = 0; c < channels.size(); c++) {
            for (int p = 0; p < producersPerChannel; p++) {
                Sender<Long> tx = channels.get(c).sender().clone();
                long id = c * producersPerChannel + p;
                producers.add(TestThreads.run("producer", () -> {
                    try (tx) {
                        for (long i = 0; i < each; i++) {
                            tx.send(id << 32 | i);
                        }
                    }
                }));
            }
        }
        for (Channel<Long> ch : channels) {
            ch.sender().close();
            ch.receiver().close();
        }
        TestThreads.joinAll(producers, Duration.ofSeconds(60));
        Set<Long> all = ConcurrentHashMap.newKeySet();
        for (Worker<List<Long>> consumer : consumers) {
            long[] last = new long[channels.size() * producersPerChannel];
            java.util.Arrays.fill(last, -1);
            for (long v : consumer.join(Duration.ofSeconds(60))) {
                assertThat(all.add(v)).as("%s received twice", v).isTrue();
                int producer = (int) (v >>> 32);
                assertThat(v & 0xFFFF_FFFFL).isGreaterThan(last[producer]);
                last[producer] = v & 0xFFFF_FFFFL;
            }
        }
        assertThat(all).hasSize(channels.size() * producersPerChannel * each);
    }

    /** Selects until every channel is closed and drained, dropping each as it ends. */
    private static List<Long> consume(List<Receiver<Long>> receivers) throws InterruptedException {
        List<Long> got = new ArrayList<>();
        List<Receiver<Long>> open = new ArrayList<>(receivers);
        while (!open.isEmpty()) {
            Select sel = Select.create();
            open.forEach(sel::receive);
            Selected s = sel.select();
            if (s.isClosed()) {
                open.remove(s.index()).close();
            } else {
                got.add(s.value());
            }
        }
        return got;
    }

    /** Producers selecting between two channels' send clauses: every element arrives exactly once. */
    @Test
    void sendSelectsFanOutExactlyOnce() throws Exception {
        Channel<Long> a = Channel.bounded(2);
        Channel<Long> b = Channel.rendezvous();
        int producers = 3;
        int each = 5_000;
        List<Worker<Void>> sending = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            Sender<Long> ta = a.sender().clone();
            Sender<Long> tb = b.sender().clone();
            long id = p;
            sending.add(TestThreads.run("producer", () -> {
                try (ta;
                        tb) {
                    for (long i = 0; i < each; i++) {
                        long v = id << 32 | i;
                        Select.create().send(ta, v).send(tb, v).select();
                    }
                }
            }));
        }
        a.sender().close();
        b.sender().close();
        Worker<List<Long>> fromA = TestThreads.call("consumer-a", () -> drain(a.receiver()));
        Worker<List<Long>> fromB = TestThreads.call("consumer-b", () -> drain(b.receiver()));
        TestThreads.joinAll(sending, Duration.ofSeconds(60));
        Set<Long> all = ConcurrentHashMap.newKeySet();
        for (long v : fromA.join()) {
            assertThat(all.add(v)).isTrue();
        }
        for (long v : fromB.join()) {
            assertThat(all.add(v)).isTrue();
        }
        assertThat(all).hasSize(producers * each);
    }

    private static List<Long> drain(Receiver<Long> rx) {
        List<Long> got = new ArrayList<>();
        for (Long v : rx) {
            got.add(v);
        }
        return got;
    }

    // ---- interrupts --------------------------------------------------------------------------------

    @Test
    void anInterruptedSelectLeavesEveryChannelAsItWas() throws Exception {
        for (int round = 0; round < 100; round++) {
            Channel<String> rendezvous = Channel.rendezvous();
            Channel<String> empty = Channel.bounded(2);
            Channel<String> full = Channel.bounded(1);
            full.sender().send("kept");
            Worker<Selected> selecting = TestThreads.call("select", () -> Select.create()
                    .send(rendezvous.sender(), "never")
                    .receive(empty.receiver())
                    .send(full.sender(), "never either")
                    .select());
            selecting.awaitBlocked();
            selecting.interrupt();
            assertThat(selecting.joinFailure()).isInstanceOf(InterruptedException.class);
            assertThat(rendezvous.receiver().tryRecv()).isNull();
            assertThat(empty.sender().trySend("y")).isEqualTo(SendStatus.SENT);
            assertThat(empty.receiver().tryRecv()).isEqualTo("y");
            assertThat(full.receiver().tryRecv()).isEqualTo("kept");
            assertThat(full.receiver().tryRecv()).isNull();
        }
    }

    // ---- callbacks and async ------------------------------------------------------------------------

    @Test
    void onlyTheFiredClausesCallbackRuns() throws Exception {
        Channel<String> a = Channel.bounded(2);
        Channel<String> b = Channel.bounded(2);
        b.sender().send("b1");
        List<String> calls = new CopyOnWriteArrayList<>();
        Select sel = Select.create()
                .biased()
                .onReceive(a.receiver(), v -> calls.add("a:" + v))
                .onReceive(b.receiver(), v -> calls.add("b:" + v))
                .onSend(a.sender(), "sent", () -> calls.add("sent"));
        sel.select();
        assertThat(calls).containsExactly("b:b1");
        sel.select(); // a is empty, b is empty: the send clause fires
        assertThat(calls).containsExactly("b:b1", "sent");
        sel.select(); // a now holds "sent": the first clause fires
        assertThat(calls).containsExactly("b:b1", "sent", "a:sent");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ChannelFlavor.class)
    void anAsyncSelectCompletesWhenAClauseBecomesReady(ChannelFlavor flavor) throws Exception {
        Channel<Integer> a = flavor.create(4);
        Channel<Integer> b = flavor.create(4);
        AtomicInteger callback = new AtomicInteger(-1);
        CompletableFuture<Selected> stage = Select.create()
                .receive(a.receiver())
                .onReceive(b.receiver(), callback::set)
                .selectAsync()
                .toCompletableFuture();
        assertThat(stage).isNotDone();
        b.sender().send(42);
        Selected s = stage.get(10, TimeUnit.SECONDS);
        assertThat(s.index()).isEqualTo(1);
        assertThat(s.<Integer>value()).isEqualTo(42);
        assertThat(callback.get()).isEqualTo(42);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ChannelFlavor.class)
    void aCancelledAsyncSelectTakesNothing(ChannelFlavor flavor) throws Exception {
        Channel<Integer> a = flavor.create(4);
        Select sel = Select.create().receive(a.receiver());
        CompletableFuture<Selected> stage = sel.selectAsync().toCompletableFuture();
        assertThat(stage.cancel(false)).isTrue();
        assertThat(sel.trySelect()).as("a cancelled select can run again").isNull();
        if (flavor.capacity(4) == 0) {
            assertThat(a.sender().trySend(1)).as("no receiver party left").isEqualTo(SendStatus.FULL);
        } else {
            a.sender().send(1);
            assertThat(a.receiver().tryRecv()).isEqualTo(1);
        }
    }

    /**
     * A stream of async selects over two rendezvous channels and a buffered one, each fed by its own
     * producer thread, a random eighth of them completed from outside while they may be firing:
     * every element is received exactly once, in each producer's order.
     */
    @Test
    void asyncSelectsUnderLoadReceiveEveryElementOnceInOrder() throws Exception {
        int each = 20_000;
        List<Channel<Integer>> channels = List.of(Channel.rendezvous(), Channel.rendezvous(), Channel.bounded(2));
        List<Worker<Void>> producers = new ArrayList<>();
        for (int p = 0; p < channels.size(); p++) {
            Sender<Integer> tx = channels.get(p).sender();
            int base = p * each;
            producers.add(TestThreads.call("producer " + p, () -> {
                try (tx) {
                    for (int i = 0; i < each; i++) {
                        tx.send(base + i);
                    }
                }
                return null;
            }));
        }
        List<Integer> open = new ArrayList<>(List.of(0, 1, 2)); // the channels still selected over
        Select sel = selectOver(channels, open);
        int[] next = new int[channels.size()];
        int withdrawn = 0;
        java.util.SplittableRandom rng = new java.util.SplittableRandom(42);
        while (!open.isEmpty()) {
            CompletableFuture<Selected> stage = sel.selectAsync().toCompletableFuture();
            if (rng.nextInt(8) == 0 && stage.completeExceptionally(new TimeoutException("from outside"))) {
                withdrawn++; // withdrawn before any clause fired: nothing was taken
                continue;
            }
            Selected s = stage.get(30, TimeUnit.SECONDS);
            int p = open.get(s.index());
            if (s.isClosed()) {
                assertThat(next[p])
                        .as("channel %d closes after its last element", p)
                        .isEqualTo(each);
                open.remove(s.index());
                sel = selectOver(channels, open);
                continue;
            }
            int v = s.value();
            assertThat(v / each)
                    .as("the element came from its clause's channel")
                    .isEqualTo(p);
            assertThat(v % each).as("producer %d's order", p).isEqualTo(next[p]);
            next[p]++;
        }
        for (Worker<Void> w : producers) {
            w.join();
        }
        assertThat(next).containsOnly(each);
        assertThat(withdrawn).isPositive();
    }

    private static Select selectOver(List<Channel<Integer>> channels, List<Integer> which) {
        Select sel = Select.create();
        for (int i : which) {
            sel.receive(channels.get(i).receiver());
        }
        return sel;
    }

    /** A cancel racing a hand-off: either the cancel wins and nothing is taken, or the result stands. */
    @Test
    void aCancelRacingAHandOffNeverLosesTheElement() throws Exception {
        for (int round = 0; round < 2000; round++) {
            Channel<Integer> ch = Channel.rendezvous();
            CompletableFuture<Selected> stage =
                    Select.create().receive(ch.receiver()).selectAsync().toCompletableFuture();
            CountDownLatch go = new CountDownLatch(1);
            int value = round;
            Worker<Boolean> sending = TestThreads.call("send", () -> {
                go.await();
                return ch.sender().trySend(value) == SendStatus.SENT;
            });
            go.countDown();
            boolean cancelled = stage.cancel(false);
            boolean sent = sending.join();
            if (cancelled) {
                assertThat(sent)
                        .as("round %d: cancelled, yet the element was taken", round)
                        .isFalse();
            } else {
                assertThat(sent).isTrue();
                assertThat(stage.get(10, TimeUnit.SECONDS).<Integer>value()).isEqualTo(round);
            }
        }
    }

    // ---- bad input -----------------------------------------------------------------------------------

    @Test
    void badInputIsRefusedAndChangesNothing() throws Exception {
        Channel<String> ch = Channel.bounded(2);
        assertThatThrownBy(() -> Select.create().select())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("at least one clause");
        assertThatThrownBy(() -> Select.create().receive((Receiver<String>) null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Select.create().send(ch.sender(), null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Select.create().onReceive(ch.receiver(), null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Select.create().receive(ch.receiver()).select(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Select.create().receive(foreignReceiver()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Sluice");
        Receiver<String> closed = ch.receiver().clone();
        closed.close();
        assertThatThrownBy(() -> Select.create().receive(closed).trySelect()).isInstanceOf(IllegalStateException.class);
        // nothing changed
        ch.sender().send("x");
        assertThat(ch.receiver().tryRecv()).isEqualTo("x");
    }

    @Test
    void oneSelectRunByTwoThreadsAtOnceIsRefused() throws Exception {
        Channel<String> ch = Channel.bounded(2);
        Select sel = Select.create().receive(ch.receiver());
        Worker<Selected> first = TestThreads.call("first", sel::select);
        first.awaitBlocked();
        assertThatThrownBy(sel::trySelect)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already running");
        ch.sender().send("x");
        assertThat(first.join().<String>value()).isEqualTo("x");
    }

    /**
     * An async select's callback that starts the next select (the usual loop): that next select is
     * running, so a second caller is refused, and the first stage's completion must not mark the
     * select idle under it.
     */
    @Test
    void anAsyncSelectStartedFromTheCallbackStillCountsAsRunning() throws Exception {
        Channel<String> ch = Channel.bounded(2);
        AtomicReference<CompletableFuture<Selected>> next = new AtomicReference<>();
        Select sel = Select.create();
        sel.onReceive(ch.receiver(), v -> {
            if (next.get() == null) {
                next.set(sel.selectAsync().toCompletableFuture()); // the loop goes on: nothing to read yet
            }
        });
        ch.sender().send("first");
        CompletableFuture<Selected> first = sel.selectAsync().toCompletableFuture();
        assertThat(first.get(10, TimeUnit.SECONDS).<String>value()).isEqualTo("first");
        assertThat(next.get()).isNotDone();
        assertThatThrownBy(sel::trySelect)
                .as("the select started by the callback is still running")
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already running");
        ch.sender().send("second");
        assertThat(next.get().get(10, TimeUnit.SECONDS).<String>value()).isEqualTo("second");
        assertThat(sel.trySelect()).as("idle again once the second completed").isNull();
    }

    /** A {@link Receiver} that is not a Sluice channel's. */
    @SuppressWarnings("unchecked")
    private static Receiver<String> foreignReceiver() {
        return (Receiver<String>) java.lang.reflect.Proxy.newProxyInstance(
                SelectTest.class.getClassLoader(), new Class<?>[] {Receiver.class}, (proxy, method, args) -> null);
    }

    /**
     * The shape that once lost a hand-off (see {@code SelectGroupTest}): virtual-thread producers on
     * two rendezvous channels, one virtual-thread consumer selecting over both, exact count and
     * per-producer order. JDK 21+ (run by {@code .ci/run} on the newest JDK).
     */
    @Test
    void virtualThreadsSelectingOverRendezvousChannelsLoseNothing() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                dev.sluice.channel.spi.VirtualThreads.available(), "virtual threads need JDK 21+");
        for (int round = 0; round < 40; round++) { // 4 million selects, about 3 s
            int each = 50_000;
            List<Channel<Integer>> channels = List.of(Channel.rendezvous(), Channel.rendezvous());
            CountDownLatch producersDone = new CountDownLatch(2);
            for (Channel<Integer> ch : channels) {
                Sender<Integer> tx = ch.sender();
                dev.sluice.channel.spi.VirtualThreads.tryStart(() -> {
                    try { // not closed here: a closed channel is a ready clause, which would end the count
                        for (int i = 0; i < each; i++) {
                            tx.send(i);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        producersDone.countDown();
                    }
                });
            }
            CompletableFuture<int[]> received = new CompletableFuture<>();
            dev.sluice.channel.spi.VirtualThreads.tryStart(() -> {
                int[] next = new int[2];
                Select sel = Select.create()
                        .receive(channels.get(0).receiver())
                        .receive(channels.get(1).receiver());
                try {
                    for (int k = 0; k < 2 * each; k++) {
                        Selected s = sel.select();
                        int v = s.value();
                        if (v != next[s.index()]++) {
                            throw new AssertionError("channel " + s.index() + ": got " + v);
                        }
                    }
                    received.complete(next);
                } catch (Throwable e) {
                    received.completeExceptionally(e);
                }
            });
            assertThat(received.get(30, TimeUnit.SECONDS)).as("round %d", round).containsExactly(each, each);
            assertThat(TestThreads.await(producersDone))
                    .as("round %d: producers finished", round)
                    .isTrue();
            channels.forEach(ch -> ch.sender().close());
        }
    }
}
