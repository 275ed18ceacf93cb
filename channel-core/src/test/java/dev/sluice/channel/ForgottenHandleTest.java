package dev.sluice.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.channel.testing.TestThreads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A handle dropped without {@code close()} is closed when the garbage collector finds it, so the
 * other side of the channel does not hang, and it is reported through {@link System.Logger}.
 *
 * <p>Each test builds its channel in a separate method that returns only the handles the test keeps,
 * so the forgotten ones are unreachable once it returns; it then runs the collector until the
 * expected effect shows (every wait has a deadline that only guards against a hang).
 */
class ForgottenHandleTest {

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Logger log = Logger.getLogger("dev.sluice.channel");
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private Level savedLevel;

    @BeforeEach
    void captureLog() {
        savedLevel = log.getLevel();
        log.setLevel(Level.ALL);
        log.setUseParentHandlers(false); // keeps the expected reports out of the build's output
        log.addHandler(capture);
    }

    @AfterEach
    void restoreLog() {
        log.removeHandler(capture);
        log.setUseParentHandlers(true);
        log.setLevel(savedLevel);
        System.clearProperty("sluice.debug.handles");
    }

    /** Runs the collector until {@code done} holds; a deadline guards against a hang. */
    static void collectUntil(String what, BooleanSupplier done) {
        long deadline = System.nanoTime() + TestThreads.GUARD.toNanos();
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline)
                    .as("still waiting for: " + what)
                    .isNegative();
            System.gc();
            LockSupport.parkNanos(1_000_000L); // lets the cleaner thread run; we poll a condition
        }
    }

    private static Sender<Integer> senderOfForgottenReceiver(int capacity) {
        Channel<Integer> ch = Channel.bounded(capacity);
        return ch.sender();
    }

    private static Receiver<Integer> receiverOfForgottenSender(int elements) throws InterruptedException {
        Channel<Integer> ch = Channel.bounded(16);
        Sender<Integer> tx = ch.sender();
        for (int i = 0; i < elements; i++) {
            tx.send(i);
        }
        return ch.receiver();
    }

    @Test
    void aForgottenReceiverFailsTheSenderThatWaitsForRoom() throws Exception {
        Sender<Integer> tx = senderOfForgottenReceiver(1);
        tx.send(0); // full now
        TestThreads.Worker<Void> blocked =
                TestThreads.run("blocked sender", () -> tx.send(1)).awaitBlocked();
        collectUntil("the blocked sender to fail", blocked::isDone);
        assertThat(blocked.joinFailure()).isInstanceOf(ChannelClosedException.class);
        assertThat(tx.isClosed()).isTrue();
        assertThat(tx.receiverCount()).isZero();
        assertThat(tx.trySend(2)).isEqualTo(SendStatus.CLOSED);
    }

    @Test
    void aForgottenSenderEndsTheStreamAfterTheDrain() throws Exception {
        Receiver<Integer> rx = receiverOfForgottenSender(3);
        collectUntil("the sender to be closed", rx::isClosed);
        List<Integer> got = new ArrayList<>();
        for (int x : rx) { // ends: the only sender is gone
            got.add(x);
        }
        assertThat(got).containsExactly(0, 1, 2);
        assertThat(rx.senderCount()).isZero();
    }

    @Test
    void aForgottenSenderCompletesASubscriberThatWaits() throws Exception {
        RecordingSubscriber<Integer> subscriber = new RecordingSubscriber<>(Long.MAX_VALUE);
        receiverOfForgottenSender(2).subscribe(subscriber);
        collectUntil("the subscriber to complete", subscriber::isTerminated);
        assertThat(subscriber.values()).containsExactly(0, 1);
        subscriber.assertCompletedOnce().assertNoViolations();
    }

    private static Receiver<Integer> receiverWithAForgottenClone() {
        Channel<Integer> ch = Channel.bounded(4);
        Sender<Integer> clone = ch.sender().clone();
        assertThat(clone.senderCount()).isEqualTo(2);
        return ch.receiver();
    }

    @Test
    void aForgottenCloneGivesBackOnlyItsOwnCount() {
        Receiver<Integer> rx = receiverWithAForgottenClone();
        // the first sender is also unreachable here (only the receiver was kept): both go, one each
        collectUntil("both senders to be released", () -> rx.senderCount() == 0);
        assertThat(rx.isClosed()).isTrue();
        assertThat(rx.receiverCount()).isEqualTo(1);
    }

    @Test
    void aHandleClosedThenDroppedIsNotReleasedTwice() throws Exception {
        Channel<Integer> ch = Channel.bounded(4);
        for (int i = 0; i < 100; i++) {
            ch.receiver().clone().close(); // closed explicitly, then dropped
        }
        Receiver<Integer> forgotten = ch.receiver().clone();
        forgotten = null; // dropped open
        collectUntil("the forgotten clone to be released", () -> ch.sender().receiverCount() == 1);
        for (int i = 0; i < 5; i++) {
            System.gc(); // more collections change nothing: each handle gave its count back once
        }
        assertThat(ch.sender().receiverCount()).isEqualTo(1);
        assertThat(ch.isClosed()).isFalse();
        ch.sender().send(7);
        assertThat(ch.receiver().recv()).isEqualTo(7);
        ch.sender().close();
        ch.receiver().close();
    }

    @Test
    void eachForgottenHandleIsReportedOnceAndExplicitlyClosedOnesNever() throws Exception {
        // debug mode tags each report with where its handle was created, which tells our reports
        // apart from those of handles other tests forgot
        System.setProperty("sluice.debug.handles", "true");
        int count = 20;
        List<Receiver<Integer>> kept = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            kept.add(receiverOfForgottenSenderUnchecked());
            closedProperly();
        }
        System.clearProperty("sluice.debug.handles");
        collectUntil(
                "every forgotten sender to be reported",
                () -> kept.stream().allMatch(Receiver::isClosed)
                        && reportsFrom("receiverOfForgottenSenderUnchecked") == count);
        for (int i = 0; i < 5; i++) {
            System.gc();
        }
        assertThat(reportsFrom("receiverOfForgottenSenderUnchecked")).isEqualTo(count);
        assertThat(reportsFrom("closedProperly")).isZero();
        assertThat(records).filteredOn(r -> r.getThrown() != null).allSatisfy(r -> {
            assertThat(r.getLevel()).isEqualTo(Level.WARNING);
            assertThat(r.getMessage()).contains("without close()");
        });
        assertThat(records)
                .filteredOn(r -> r.getThrown() == null && r.getLevel().intValue() >= Level.WARNING.intValue())
                .as("without debug mode only the JVM's first forgotten handle is a warning")
                .hasSizeLessThanOrEqualTo(1);
        for (Receiver<Integer> rx : kept) {
            rx.close();
        }
    }

    private static void closedProperly() throws InterruptedException {
        Channel<Integer> ch = Channel.bounded(2);
        Receiver<Integer> clone = ch.receiver().clone();
        clone.close();
        ch.sender().send(1);
        ch.sender().close();
        ch.receiver().close();
    }

    /** How many reports name a handle created in {@code method}. */
    private long reportsFrom(String method) {
        return records.stream()
                .filter(r -> r.getThrown() != null)
                .filter(r -> java.util.Arrays.stream(r.getThrown().getStackTrace())
                        .anyMatch(f -> f.getMethodName().equals(method)))
                .count();
    }

    private static Receiver<Integer> receiverOfForgottenSenderUnchecked() {
        Channel<Integer> ch = Channel.bounded(2);
        ch.sender(); // never closed
        return ch.receiver();
    }

    @Test
    void inDebugModeEachReportSaysWhereTheHandleWasCreated() {
        System.setProperty("sluice.debug.handles", "true");
        Receiver<Integer> rx = receiverOfForgottenSenderUnchecked();
        System.clearProperty("sluice.debug.handles");
        collectUntil(
                "the forgotten sender to be reported",
                () -> rx.isClosed() && !reportsWithOrigin().isEmpty());
        LogRecord report = reportsWithOrigin().get(0);
        assertThat(report.getLevel()).isEqualTo(Level.WARNING);
        assertThat(report.getThrown().getStackTrace())
                .anySatisfy(frame -> assertThat(frame.getMethodName()).isEqualTo("receiverOfForgottenSenderUnchecked"));
    }

    private List<LogRecord> reportsWithOrigin() {
        return records.stream().filter(r -> r.getThrown() != null).toList();
    }

    @Test
    void aHandleInUseIsNotClosedUnderItsWaitingThread() throws Exception {
        // the waiting thread holds the handle only through the frame of recv(); the handle's
        // reachability fence keeps it open for as long as recv waits
        Sender<Integer> tx = senderWhoseReceiverOnlyAThreadHolds();
        for (int i = 0; i < 5; i++) {
            System.gc();
        }
        assertThat(tx.receiverCount()).isEqualTo(1);
        assertThat(tx.send(42, Duration.ofSeconds(30))).isTrue();
        tx.close();
    }

    private static Sender<Integer> senderWhoseReceiverOnlyAThreadHolds() {
        Channel<Integer> ch = Channel.bounded(1);
        Receiver<Integer> rx = ch.receiver();
        TestThreads.call("waiting receiver", rx::recv).awaitBlocked();
        return ch.sender();
    }
}
