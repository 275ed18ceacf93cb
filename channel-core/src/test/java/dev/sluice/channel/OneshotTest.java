package dev.sluice.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.channel.Oneshot.OneshotReceiver;
import dev.sluice.channel.Oneshot.OneshotSender;
import dev.sluice.channel.testing.TestThreads;
import dev.sluice.channel.testing.TestThreads.Worker;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** S16: {@link Oneshot}, one value from one sender to one receiver, on every path. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OneshotTest {

    @Test
    void aSentValueIsReceivedOnceThenTheOneshotIsClosed() throws Exception {
        Oneshot<String> o = Oneshot.create();
        assertThat(o.receiver().isReady()).isFalse();
        assertThat(o.receiver().tryReceive()).isNull();
        assertThat(o.sender().send("reply")).isTrue();
        assertThat(o.receiver().isReady()).isTrue();
        assertThat(o.receiver().await()).isEqualTo("reply");
        assertThatThrownBy(() -> o.receiver().await()).isInstanceOf(ChannelClosedException.class);
    }

    @Test
    void aBlockedAwaitIsWokenBySend() throws Exception {
        Oneshot<Integer> o = Oneshot.create();
        Worker<Integer> waiting = TestThreads.call("await", () -> o.receiver().await());
        waiting.awaitBlocked();
        assertThat(o.sender().send(7)).isTrue();
        assertThat(waiting.join()).isEqualTo(7);
    }

    @Test
    void anAwaitWithATimeoutReturnsNullAndTheValueMayStillCome() throws Exception {
        Oneshot<Integer> o = Oneshot.create();
        assertThat(o.receiver().await(Duration.ofMillis(20))).isNull();
        o.sender().send(1);
        assertThat(o.receiver().await(Duration.ofSeconds(1))).isEqualTo(1);
    }

    @Test
    void aSecondSendIsRefusedClearly() {
        Oneshot<String> o = Oneshot.create();
        o.sender().send("first");
        assertThatThrownBy(() -> o.sender().send("second"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("one value");
        assertThat(o.receiver().tryReceive()).isEqualTo("first");
    }

    @Test
    void aSenderClosedWithoutAValueIsSeenAsClosedNeverAsAHang() throws Exception {
        Oneshot<String> o = Oneshot.create();
        Worker<String> waiting = TestThreads.call("await", () -> o.receiver().await());
        waiting.awaitBlocked();
        o.sender().close();
        assertThat(waiting.joinFailure()).isInstanceOf(ChannelClosedException.class);
        assertThatThrownBy(() -> o.sender().send("late"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> o.receiver().tryReceive()).isInstanceOf(ChannelClosedException.class);
    }

    @Test
    void aForgottenSenderIsClosedByTheCollector() throws Exception {
        Oneshot<String> o = Oneshot.create();
        OneshotReceiver<String> rx = o.receiver();
        o = null; // the sender is now unreachable
        CompletableFuture<String> stage = rx.toStage().toCompletableFuture();
        TestThreads.awaitTrue(
                () -> {
                    System.gc();
                    return stage.isDone();
                },
                "the forgotten sender is closed");
        assertThatThrownBy(stage::get)
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(ChannelClosedException.class);
    }

    @Test
    void aReceiverThatIsGoneMakesSendReportNotDelivered() {
        Oneshot<String> o = Oneshot.create();
        assertThat(o.sender().isClosed()).isFalse();
        o.receiver().close();
        assertThat(o.sender().isClosed()).isTrue();
        assertThat(o.sender().send("nobody")).isFalse();
    }

    @Test
    void theStageCompletesWithTheValueOrTheClose() throws Exception {
        Oneshot<String> o = Oneshot.create();
        CompletableFuture<String> stage = o.receiver().toStage().toCompletableFuture();
        assertThat(stage).isNotDone();
        o.sender().send("done");
        assertThat(stage.get(10, TimeUnit.SECONDS)).isEqualTo("done");
    }

    @Test
    void itIsAPublisherOfZeroOrOneElement() throws Exception {
        Oneshot<String> one = Oneshot.create();
        RecordingSubscriber<String> s1 = new RecordingSubscriber<>(Long.MAX_VALUE);
        one.receiver().subscribe(s1);
        one.sender().send("v");
        s1.awaitTerminated();
        assertThat(s1.values()).containsExactly("v");
        assertThat(s1.completions()).isEqualTo(1);

        Oneshot<String> none = Oneshot.create();
        RecordingSubscriber<String> s0 = new RecordingSubscriber<>(Long.MAX_VALUE);
        none.receiver().subscribe(s0);
        none.sender().close();
        s0.awaitTerminated();
        assertThat(s0.values()).isEmpty();
        assertThat(s0.completions()).isEqualTo(1);
    }

    @Test
    void aOneshotReceiverIsASelectClause() throws Exception {
        Oneshot<String> reply = Oneshot.create();
        Channel<String> other = Channel.bounded(1);
        Worker<Selected> selecting = TestThreads.call("select", () -> Select.create()
                .receive(other.receiver())
                .receive(reply.receiver())
                .select());
        selecting.awaitBlocked();
        reply.sender().send("answer");
        Selected s = selecting.join();
        assertThat(s.index()).isEqualTo(1);
        assertThat(s.<String>value()).isEqualTo("answer");
    }

    @Test
    void nullsAreRefused() {
        Oneshot<String> o = Oneshot.create();
        assertThatThrownBy(() -> o.sender().send(null)).isInstanceOf(NullPointerException.class);
        assertThat(o.sender().send("still usable")).isTrue();
    }

    /** Send races the receiver's close: never "delivered" to a receiver that read nothing, never lost silently. */
    @Test
    void sendRacingReceiverCloseIsReportedTruthfully() throws Exception {
        for (int round = 0; round < 2000; round++) {
            Oneshot<Integer> o = Oneshot.create();
            CyclicBarrier start = new CyclicBarrier(2);
            OneshotSender<Integer> tx = o.sender();
            OneshotReceiver<Integer> rx = o.receiver();
            int value = round;
            Worker<Boolean> sending = TestThreads.call("send", () -> {
                start.await();
                return tx.send(value);
            });
            start.await();
            rx.close();
            boolean delivered = sending.join();
            assertThat(tx.isClosed()).isTrue();
            if (!delivered) {
                assertThat(rx.isReady()).isFalse();
            }
        }
    }

    /** Send races the sender's own close from another thread: the receiver gets the value or a close, once. */
    @Test
    void sendRacingSenderCloseEndsTheReceiverEitherWay() throws Exception {
        for (int round = 0; round < 2000; round++) {
            Oneshot<Integer> o = Oneshot.create();
            CountDownLatch go = new CountDownLatch(1);
            int value = round;
            Worker<Boolean> sending = TestThreads.call("send", () -> {
                go.await();
                try {
                    return o.sender().send(value);
                } catch (IllegalStateException closedFirst) {
                    return false;
                }
            });
            go.countDown();
            o.sender().close();
            boolean sent = sending.join();
            Integer got;
            try {
                got = o.receiver().await();
            } catch (ChannelClosedException closed) {
                got = null;
            }
            assertThat(got != null).as("round %d", round).isEqualTo(sent);
        }
    }

    @Test
    void aFailedOneshotCarriesItsCauseEverywhere() throws Exception {
        IllegalStateException cause = new IllegalStateException("no such account");
        Oneshot<String> o = Oneshot.create();
        CompletableFuture<String> stage = o.receiver().toStage().toCompletableFuture();
        assertThat(o.sender().fail(cause)).isTrue();
        assertThatThrownBy(stage::get).isInstanceOf(ExecutionException.class).hasRootCause(cause);
        assertThatThrownBy(() -> o.sender().send("late")).isInstanceOf(IllegalStateException.class);

        Oneshot<String> p = Oneshot.create();
        p.sender().fail(cause);
        assertThatThrownBy(() -> p.receiver().await())
                .isInstanceOf(ChannelClosedException.class)
                .hasCause(cause);
    }

    @Test
    void aValueWaitsForDemandAndASecondSubscriberIsRefused() throws Exception {
        Oneshot<String> o = Oneshot.create();
        RecordingSubscriber<String> s = new RecordingSubscriber<>();
        o.receiver().subscribe(s);
        assertThat(o.sender().send("v")).isTrue();
        assertThat(s.values()).isEmpty(); // no demand yet
        assertThat(o.receiver().isReady()).isTrue();
        s.request(1);
        s.awaitTerminated();
        assertThat(s.values()).containsExactly("v");
        assertThat(s.completions()).isEqualTo(1);
        s.assertNoViolations();

        RecordingSubscriber<String> second = new RecordingSubscriber<>(1);
        o.receiver().subscribe(second);
        second.awaitTerminated();
        assertThat(second.error()).isInstanceOf(IllegalStateException.class).hasMessageContaining("subscriber");
    }

    /**
     * The receiver closed by its owner under a subscriber that has not asked for anything: the end is
     * an error, which needs no demand (§1.4), whether the value had come or not; the value is dropped.
     */
    @Test
    void aReceiverClosedUnderItsSubscriberEndsItWithoutDemand() throws Exception {
        for (boolean valueFirst : new boolean[] {true, false}) {
            Oneshot<String> o = Oneshot.create();
            RecordingSubscriber<String> s = new RecordingSubscriber<>();
            o.receiver().subscribe(s);
            if (valueFirst) {
                assertThat(o.sender().send("v")).isTrue(); // waits for demand
            }
            o.receiver().close();
            s.awaitTerminated();
            assertThat(s.error())
                    .as("value first: %s", valueFirst)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("closed while subscribed");
            assertThat(s.values()).isEmpty();
            s.assertNoViolations();
            if (!valueFirst) {
                assertThat(o.sender().send("late")).isFalse();
            }
        }
    }

    @Test
    void aCancelledOrBadlyRequestedSubscriptionClosesTheReceiver() throws Exception {
        Oneshot<String> cancelled = Oneshot.create();
        RecordingSubscriber<String> s = new RecordingSubscriber<>();
        cancelled.receiver().subscribe(s);
        s.cancel();
        assertThat(cancelled.sender().isClosed()).isTrue();
        assertThat(cancelled.sender().send("nobody")).isFalse();
        assertThat(s.values()).isEmpty();

        Oneshot<String> bad = Oneshot.create();
        RecordingSubscriber<String> b = new RecordingSubscriber<>();
        bad.receiver().subscribe(b);
        b.subscription().request(0);
        b.awaitTerminated();
        assertThat(b.error()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3.9");
        b.assertNoViolations();
        assertThat(bad.sender().send("late")).isFalse();
    }

    @Test
    void aStageCompletedFromOutsideLeavesTheValueForALaterReceive() throws Exception {
        Oneshot<String> o = Oneshot.create();
        CompletableFuture<String> stage = o.receiver().toStage().toCompletableFuture();
        assertThat(stage.cancel(false)).isTrue();
        assertThat(o.sender().send("kept")).isTrue();
        assertThat(o.receiver().await(Duration.ofSeconds(10))).isEqualTo("kept");
    }

    @Test
    void closingTheReceiverWakesAThreadAwaitingOnIt() throws Exception {
        Oneshot<String> o = Oneshot.create();
        Worker<String> waiting = TestThreads.call("await", () -> o.receiver().await());
        waiting.awaitBlocked();
        o.receiver().close();
        assertThat(waiting.joinFailure())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThat(o.sender().send("late")).isFalse();
    }

    @Test
    void anInterruptedAwaitTakesNothing() throws Exception {
        Oneshot<String> o = Oneshot.create();
        Worker<String> waiting = TestThreads.call("await", () -> o.receiver().await());
        waiting.awaitBlocked();
        waiting.thread().interrupt();
        assertThat(waiting.joinFailure()).isInstanceOf(InterruptedException.class);
        assertThat(o.sender().send("after")).isTrue();
        assertThat(o.receiver().tryReceive()).isEqualTo("after");
    }

    /** The value races every way of receiving it at once: it is received exactly once. */
    @Test
    void aValueIsReceivedExactlyOnceAmongRacingReceives() throws Exception {
        for (int round = 0; round < 2000; round++) {
            Oneshot<Integer> o = Oneshot.create();
            CompletableFuture<Integer> stage = o.receiver().toStage().toCompletableFuture();
            Worker<Integer> blocking = TestThreads.call("await", () -> {
                try {
                    return o.receiver().await();
                } catch (ChannelClosedException taken) {
                    return null;
                }
            });
            Worker<Selected> selecting = TestThreads.call(
                    "select", () -> Select.create().receive(o.receiver()).select());
            o.sender().send(round);
            int got = 0;
            Integer b = blocking.join();
            got += b != null ? 1 : 0;
            Selected s = selecting.join();
            got += s.closed() == null ? 1 : 0;
            try {
                stage.get(10, TimeUnit.SECONDS);
                got++;
            } catch (ExecutionException taken) {
                assertThat(taken).hasCauseInstanceOf(ChannelClosedException.class);
            }
            assertThat(got).as("round %d", round).isEqualTo(1);
        }
    }

    /** An outside completion racing the send: the stage got the value, or it is still there to receive. */
    @Test
    void aStageCompletedFromOutsideWhileTheValueComesNeverHidesIt() throws Exception {
        for (int round = 0; round < 2000; round++) {
            Oneshot<Integer> o = Oneshot.create();
            CompletableFuture<Integer> stage = o.receiver().toStage().toCompletableFuture();
            CountDownLatch go = new CountDownLatch(1);
            int value = round;
            Worker<Boolean> sending = TestThreads.call("send", () -> {
                go.await();
                return o.sender().send(value);
            });
            go.countDown();
            boolean timedOut = stage.completeExceptionally(new java.util.concurrent.TimeoutException("outside"));
            assertThat(sending.join()).isTrue();
            if (timedOut) {
                assertThat(o.receiver().await(Duration.ofSeconds(10)))
                        .as("round %d", round)
                        .isEqualTo(value);
            } else {
                assertThat(stage.get(10, TimeUnit.SECONDS))
                        .as("round %d", round)
                        .isEqualTo(value);
            }
        }
    }

    /** A stage's dependent that cancels the subscription of the same receiver does not hang the send. */
    @Test
    void aDependentThatCancelsAnotherReceiveDoesNotHangTheSend() throws Exception {
        Oneshot<String> o = Oneshot.create();
        CompletableFuture<String> stage = o.receiver().toStage().toCompletableFuture();
        RecordingSubscriber<String> s = new RecordingSubscriber<>();
        o.receiver().subscribe(s);
        CompletableFuture<Void> cancelled = stage.thenRun(s::cancel);
        Worker<Boolean> sending = TestThreads.call("send", () -> o.sender().send("v"));
        assertThat(sending.join()).isTrue();
        assertThat(stage.get(10, TimeUnit.SECONDS)).isEqualTo("v");
        cancelled.get(10, TimeUnit.SECONDS);
        assertThat(s.values()).isEmpty();
        s.assertNoViolations();
    }

    /** {@code completeAsync} is an outside completion too: it withdraws, and the value comes to a later receive. */
    @Test
    void aStageCompletedAsyncFromOutsideLeavesTheValue() throws Exception {
        Oneshot<String> o = Oneshot.create();
        CompletableFuture<String> stage = o.receiver().toStage().toCompletableFuture();
        stage.completeAsync(() -> "from outside", Runnable::run);
        assertThat(stage.get(10, TimeUnit.SECONDS)).isEqualTo("from outside");
        assertThat(o.sender().send("v")).isTrue();
        assertThat(o.receiver().await(Duration.ofSeconds(10))).isEqualTo("v");
        assertThatThrownBy(() -> stage.obtrudeValue("x")).isInstanceOf(UnsupportedOperationException.class);
    }
}
