package dev.sluice.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.channel.testing.Flavors.Flavor;
import dev.sluice.channel.testing.TestThreads;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Small channel chores shared by the tests. */
final class TestChannels {

    private TestChannels() {}

    /**
     * Fills a bounded channel to its capacity with {@code 0 .. capacity-1} using {@code trySend},
     * checks that it then reports {@link SendStatus#FULL}, and returns what it sent. A rendezvous
     * channel is "full" already: nothing is sent.
     */
    static List<Integer> fill(Sender<Integer> tx, Flavor flavor) {
        if (flavor.isUnbounded()) {
            throw new IllegalArgumentException("an unbounded channel cannot be filled");
        }
        List<Integer> sent = range(0, flavor.capacity());
        for (Integer element : sent) {
            assertThat(tx.trySend(element))
                    .as("trySend(%s) into a channel with room", element)
                    .isEqualTo(SendStatus.SENT);
        }
        assertThat(tx.trySend(-100)).as("trySend into a full channel").isEqualTo(SendStatus.FULL);
        return sent;
    }

    /** Every element available at once, taken with {@code tryRecv} (the channel must be open). */
    static <T> List<T> drainNow(Receiver<T> rx) {
        List<T> taken = new ArrayList<>();
        for (T element = rx.tryRecv(); element != null; element = rx.tryRecv()) {
            taken.add(element);
        }
        return taken;
    }

    /** {@code from, from+1, ..., to-1}. */
    static List<Integer> range(int from, int to) {
        return IntStream.range(from, to).boxed().collect(Collectors.toList());
    }

    /**
     * What an asynchronous call failed with: either thrown at once or as the stage's exceptional
     * completion (either is a clear failure). Fails the test if the call succeeds.
     */
    static Throwable failureOf(Supplier<? extends CompletionStage<?>> call) {
        CompletionStage<?> stage;
        try {
            stage = call.get();
        } catch (RuntimeException thrown) {
            return thrown;
        }
        return TestThreads.awaitFailure(stage);
    }

    /** The element whose fate a race test decides. */
    static final int MARKER = -1;
    /** Sent last, after the race, so a consumer knows it has seen everything. */
    static final int END = -2;

    /** Receives until {@link #END}, returning everything before it. */
    static List<Integer> receiveUntilEnd(Receiver<Integer> rx) throws InterruptedException {
        List<Integer> received = new ArrayList<>();
        for (Integer element = rx.recv(); element != END; element = rx.recv()) {
            received.add(element);
        }
        return received;
    }

    /**
     * The end of a race on {@link #MARKER}: sends {@link #END}, then checks that the consumer got
     * exactly the elements {@code filled} before the race, plus the marker if and only if its send
     * was accepted (never lost, never duplicated, never received after a failed send).
     */
    static void assertMarkerDeliveredIffAccepted(
            Sender<Integer> tx,
            TestThreads.Worker<List<Integer>> consumer,
            List<Integer> filled,
            boolean accepted,
            String description)
            throws InterruptedException {
        tx.send(END);
        List<Integer> expected = new ArrayList<>(filled);
        if (accepted) {
            expected.add(MARKER);
        }
        assertThat(consumer.join()).as(description).isEqualTo(expected);
    }
}
