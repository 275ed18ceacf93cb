package dev.sluice.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.channel.testing.Flavors;
import dev.sluice.channel.testing.Flavors.Flavor;
import dev.sluice.channel.testing.TestThreads;
import dev.sluice.channel.testing.TestThreads.Worker;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * S17: the builder's {@code onUndeliveredElement} hook receives exactly the elements the channel
 * accepted and will never deliver, so that resources they hold can be released; never an element
 * whose send visibly failed, and never one that was delivered.
 */
class UndeliveredElementTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.BUFFERED)
    void theLastReceiverClosingHandsEveryBufferedElementToTheHookInOrder(Flavor flavor) throws Exception {
        List<Integer> undelivered = new CopyOnWriteArrayList<>();
        Channel<Integer> ch =
                flavor.<Integer>builder().onUndeliveredElement(undelivered::add).build();
        int n = Math.min(10, ch.capacity());
        for (int i = 0; i < n; i++) {
            ch.sender().send(i);
        }
        assertThat(ch.receiver().recv()).isEqualTo(0);

        ch.receiver().close();

        assertThat(undelivered).isEqualTo(TestChannels.range(1, n));
        assertThat(ch.size()).isZero();
        assertThat(ch.droppedCount()).as("discarded, not dropped by a policy").isZero();
        assertThatThrownBy(() -> ch.sender().send(99)).isInstanceOf(ChannelClosedException.class);
        assertThat(undelivered).as("a refused send stays the caller's").doesNotContain(99);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.MULTI_CONSUMER)
    void elementsWhoseSendFailedNeverReachTheHook(Flavor flavor) throws Exception {
        List<Integer> undelivered = new CopyOnWriteArrayList<>();
        Channel<Integer> ch =
                flavor.<Integer>builder().onUndeliveredElement(undelivered::add).build();
        Sender<Integer> tx = ch.sender();
        ch.receiver().clone().close(); // not the last receiver: nothing is discarded
        Receiver<Integer> last = ch.receiver();
        last.close(); // the last one: every later send is refused
        assertThat(tx.trySend(1)).isEqualTo(SendStatus.CLOSED);
        assertThatThrownBy(() -> tx.send(2)).isInstanceOf(ChannelClosedException.class);
        assertThat(TestThreads.awaitFailure(tx.sendAsync(3))).isInstanceOf(ChannelClosedException.class);

        assertThat(undelivered).isEmpty();
    }

    @Test
    void aDroppingPolicyHandsEachDropToTheHookAndCountsIt() throws Exception {
        List<Integer> undelivered = new CopyOnWriteArrayList<>();
        Channel<Integer> oldest = Channel.<Integer>builder()
                .capacity(2)
                .overflow(Overflow.DROP_OLDEST)
                .onUndeliveredElement(undelivered::add)
                .build();
        for (int i = 0; i < 5; i++) {
            oldest.sender().send(i);
        }
        assertThat(undelivered).containsExactly(0, 1, 2);
        assertThat(oldest.droppedCount()).isEqualTo(3);
        assertThat(oldest.receiver().tryRecv()).isEqualTo(3);

        undelivered.clear();
        Channel<Integer> newest = Channel.<Integer>builder()
                .capacity(2)
                .overflow(Overflow.DROP_NEWEST)
                .onUndeliveredElement(undelivered::add)
                .build();
        for (int i = 0; i < 5; i++) {
            newest.sender().send(i);
        }
        assertThat(undelivered).containsExactly(2, 3, 4);
        assertThat(newest.droppedCount()).isEqualTo(3);
    }

    @Test
    void aThrowingHookIsReportedAndChangesNothing() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Channel<Integer> ch = Channel.<Integer>builder()
                .capacity(4)
                .onUndeliveredElement(e -> {
                    calls.incrementAndGet();
                    throw new IllegalStateException("hook failed on " + e);
                })
                .build();
        ch.sender().send(1);
        ch.sender().send(2);
        List<Throwable> reported = Collections.synchronizedList(new ArrayList<>());
        Worker<Void> closer = TestThreads.run("closer", () -> {
            Thread.currentThread().setUncaughtExceptionHandler((t, e) -> reported.add(e));
            ch.receiver().close();
        });
        closer.join();
        assertThat(calls)
                .as("every element reaches the hook, even after one throw")
                .hasValue(2);
        assertThat(reported).hasSize(2).allSatisfy(e -> assertThat(e).hasMessageStartingWith("hook failed on"));
        assertThat(ch.isClosed()).isTrue();
        assertThat(ch.receiverCount()).isZero();
    }

    /**
     * Rendezvous: an element a sender handed to a subscription's waiting registration in the
     * instant the subscription is cancelled was accepted against demand. It is delivered (§2.8), so
     * it is neither lost nor passed to the hook; every accepted element is delivered exactly once.
     */
    @Test
    void aRendezvousHandOffRacingACancelIsDeliveredNotDiscarded() throws Exception {
        for (int round = 0; round < 500; round++) {
            List<Integer> undelivered = new CopyOnWriteArrayList<>();
            Channel<Integer> ch = Channel.<Integer>builder()
                    .capacity(0)
                    .onUndeliveredElement(undelivered::add)
                    .build();
            RecordingSubscriber<Integer> subscriber = new RecordingSubscriber<>(1);
            ch.receiver().subscribe(subscriber);
            Worker<SendStatus> sender =
                    TestThreads.call("sender", () -> ch.sender().trySend(7));
            subscriber.cancel();
            SendStatus status = sender.join();
            if (status == SendStatus.SENT) {
                assertThat(subscriber.values())
                        .as("round %d: accepted, so delivered", round)
                        .containsExactly(7);
            } else {
                assertThat(subscriber.values())
                        .as("round %d: refused, so not delivered", round)
                        .isEmpty();
            }
            assertThat(undelivered).isEmpty();
        }
    }
}
