package dev.sluice.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.channel.testing.Flavors;
import dev.sluice.channel.testing.Flavors.Flavor;
import dev.sluice.channel.testing.TestThreads;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * S1 and S8 together: the async stages of one handle keep their order even when a stage between
 * them is cancelled. Found by {@link ChaosTest} (run seed 9678352923323, round seed
 * 5544430645708135008 with {@code -Dsluice.chaos.round.elements=3333}: "producer 2's #828 arrived
 * after its #831", both sent through one handle's {@code sendAsync}, and "producer 3's #122 arrived
 * after its #123", received through one handle's {@code recvAsync}).
 *
 * <p>Each test builds the same situation deterministically: stage A waits; stage B, started after
 * it, is cancelled; stage C is started. C must still wait for A. A readiness registration queued
 * ahead of A takes the one wake-up and sits on it, so A has not acted yet when C gets its chance.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AsyncOrderAfterCancelTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.BOUNDED)
    void sendAsyncStagesStayInOrderWhenAStageBetweenThemIsCancelled(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();
        Receiver<Integer> rx = ch.receiver();
        List<Integer> filled = TestChannels.fill(tx, flavor);
        Readiness ahead = tx.whenSendable(() -> {}); // queued before A: the next free slot wakes it, not A
        CompletableFuture<Void> a = tx.sendAsync(-1).toCompletableFuture();
        assertThat(a).as("A waits: the channel is full").isNotDone();

        assertThat(rx.tryRecv()).isEqualTo(filled.get(0)); // one slot frees; the wake-up goes to `ahead`
        CompletableFuture<Void> b = tx.sendAsync(-2).toCompletableFuture();
        assertThat(b.cancel(false)).as("B withdrawn before it ever ran").isTrue();
        CompletableFuture<Void> c = tx.sendAsync(-3).toCompletableFuture();
        ahead.cancel(); // passes the wake-up on, to A

        List<Integer> received = new ArrayList<>();
        while (received.size() < filled.size() + 1) {
            received.add(TestThreads.await(rx.recvAsync()));
        }
        TestThreads.await(a);
        TestThreads.await(c);
        assertThat(received.subList(filled.size() - 1, received.size()))
                .as("the stages of one handle are accepted in the order they were started: A (-1), then C (-3)")
                .containsExactly(-1, -3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void recvAsyncStagesCompleteInOrderWhenAStageBetweenThemIsCancelled(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();
        Receiver<Integer> rx = ch.receiver();
        Readiness ahead = rx.whenReceivable(() -> {}); // queued before A: the next element wakes it, not A
        CompletableFuture<Integer> a = rx.recvAsync().toCompletableFuture();
        assertThat(a).as("A waits: the channel is empty").isNotDone();

        CompletableFuture<Void> first = tx.sendAsync(1).toCompletableFuture(); // a rendezvous hands it to A
        CompletableFuture<Integer> b = rx.recvAsync().toCompletableFuture();
        b.cancel(false);
        CompletableFuture<Integer> c = rx.recvAsync().toCompletableFuture();
        ahead.cancel(); // passes the wake-up on, to A
        CompletableFuture<Void> second = tx.sendAsync(2).toCompletableFuture();

        assertThat(List.of(TestThreads.await(a), TestThreads.await(c)))
                .as("the stages of one handle complete in the order they were asked for: A gets 1, C gets 2")
                .containsExactly(1, 2);
        TestThreads.await(first);
        TestThreads.await(second);
    }
}
