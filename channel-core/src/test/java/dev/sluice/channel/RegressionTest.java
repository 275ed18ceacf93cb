package dev.sluice.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.channel.testing.TestThreads;
import dev.sluice.channel.testing.TestThreads.Worker;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Bugs found by an adversarial read of the first design (issue 10), each written as a test that
 * failed before the second design. Every one is a promise of docs/design.md that a race or a
 * re-entrant call broke.
 */
class RegressionTest {

    // ---- 1. a blocking call inside a dependent or a signal must not hang the notifier -----------

    /** S8: a stage's dependent may block on another channel's stage; the producer must return. */
    @Test
    void blockingJoinInsideAnAsyncDependentDoesNotHangTheProducer() throws Exception {
        Channel<Integer> in = Channel.bounded(4);
        Channel<Integer> out = Channel.bounded(4);
        AtomicInteger forwarded = new AtomicInteger();
        in.receiver().recvAsync().thenAccept(v -> {
            out.sender().sendAsync(v).toCompletableFuture().join(); // out has room: completes at once
            forwarded.incrementAndGet();
        });
        Worker<Void> producer = TestThreads.run("producer", () -> in.sender().send(1));
        producer.join(Duration.ofSeconds(10));
        assertThat(forwarded).hasValue(1);
        assertThat(out.receiver().tryRecv()).isEqualTo(1);
    }

    /** R3: a subscriber whose onComplete sends into a reactively read channel lets close() return. */
    @Test
    void onCompleteThatSendsIntoAReactivelyReadChannelLetsCloseReturn() throws Exception {
        Channel<Integer> first = Channel.bounded(4);
        Channel<Integer> second = Channel.bounded(1); // the second send waits for the downstream
        RecordingSubscriber<Integer> downstream = new RecordingSubscriber<>(Long.MAX_VALUE);
        second.receiver().subscribe(downstream);
        List<Integer> forwarded = new ArrayList<>();
        Subscriber<Integer> forwarder = new Subscriber<>() {
            @Override
            public void onSubscribe(Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(Integer value) {
                forwarded.add(value);
            }

            @Override
            public void onError(Throwable t) {
                forwarded.add(-1);
            }

            @Override
            public void onComplete() {
                try {
                    second.sender().send(99);
                    second.sender().send(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                second.sender().close();
            }
        };
        first.receiver().subscribe(forwarder);
        first.sender().send(1);
        Worker<Void> closer = TestThreads.run("closer", () -> first.sender().close());
        closer.join(Duration.ofSeconds(10));
        downstream.awaitTerminated().assertCompletedOnce().assertNoViolations();
        assertThat(downstream.values()).containsExactly(99, 100);
        assertThat(forwarded).containsExactly(1);
    }

    // ---- 2. rendezvous: a subscriber with demand is a waiting receiver -------------------------

    /** S2/R1: on a rendezvous channel, a subscription with unmet demand takes a trySend. */
    @Test
    void rendezvousTrySendReachesASubscriberWithDemand() {
        Channel<Integer> ch = Channel.rendezvous();
        RecordingSubscriber<Integer> subscriber = new RecordingSubscriber<>(2);
        ch.receiver().subscribe(subscriber);
        assertThat(ch.sender().trySend(1)).isEqualTo(SendStatus.SENT);
        assertThat(ch.sender().trySend(2)).isEqualTo(SendStatus.SENT);
        assertThat(ch.sender().trySend(3)).as("no demand left").isEqualTo(SendStatus.FULL);
        assertThat(subscriber.values()).containsExactly(1, 2);
        subscriber.request(1);
        assertThat(ch.sender().trySend(3)).isEqualTo(SendStatus.SENT);
        assertThat(subscriber.values()).containsExactly(1, 2, 3);
    }

    /** S8: whenSendable fires for a rendezvous subscriber's demand, so whenSendable -> trySend works. */
    @Test
    void rendezvousWhenSendableFiresForASubscriberWithDemand() throws Exception {
        Channel<Integer> ch = Channel.rendezvous();
        CountDownLatch fired = new CountDownLatch(1);
        ch.sender().whenSendable(fired::countDown);
        assertThat(fired.getCount()).as("nobody wants an element yet").isOne();
        RecordingSubscriber<Integer> subscriber = new RecordingSubscriber<>(0);
        ch.receiver().subscribe(subscriber);
        assertThat(fired.getCount())
                .as("a subscriber without demand takes nothing")
                .isOne();
        subscriber.request(1);
        assertThat(TestThreads.await(fired)).isTrue();
        assertThat(ch.sender().trySend(7)).isEqualTo(SendStatus.SENT);
        assertThat(subscriber.values()).containsExactly(7);
    }

    // ---- 3. readiness counts reserved slots ------------------------------------------------------

    /** S7/S9: whenSendable does not fire while permits hold every free slot; it fires on release. */
    @Test
    void whenSendableWaitsWhilePermitsHoldEverySlot() {
        Channel<Integer> ch = Channel.bounded(4);
        Permit<Integer> permit = ch.sender().tryReserve(4);
        assertThat(permit).isNotNull();
        AtomicInteger fired = new AtomicInteger();
        Readiness r = ch.sender().whenSendable(fired::incrementAndGet);
        assertThat(fired).as("every slot is reserved").hasValue(0);
        assertThat(ch.sender().trySend(1)).isEqualTo(SendStatus.FULL);
        permit.close();
        assertThat(fired).as("released slots make the channel sendable").hasValue(1);
        r.cancel();
        assertThat(ch.sender().trySend(1)).isEqualTo(SendStatus.SENT);
    }

    // ---- 4. a second upstream on one handle -----------------------------------------------------

    /**
     * §2.5 on a Sender: a second upstream is refused and changes nothing, but its later signals reach
     * the same object as the first one's and cannot be told apart. A refused upstream that completes
     * (as {@code Flux.empty()} does) therefore ends the handle; the first upstream must then be
     * cancelled, never left feeding a closed handle whose elements are silently dropped.
     */
    @Test
    void aRefusedSecondUpstreamThatCompletesCancelsTheFirstInsteadOfDroppingItsElements() throws Exception {
        Channel<Integer> ch = Channel.bounded(8);
        TestUpstreams.Manual first = new TestUpstreams.Manual();
        first.subscribeWith(ch.sender());
        first.emit(2);
        TestUpstreams.Manual second = new TestUpstreams.Manual();
        second.subscribeWith(ch.sender());
        assertThat(second.isCancelled()).as("the second upstream is refused").isTrue();
        assertThat(first.isCancelled()).as("a refusal changes nothing").isFalse();
        assertThat(ch.isClosed()).isFalse();
        ch.sender().onComplete(); // the refused upstream's completion (Flux.empty() sends one)
        first.awaitCancelled(Duration.ofSeconds(10));
        assertThat(ch.receiver().recv()).isEqualTo(0);
        assertThat(ch.receiver().recv()).isEqualTo(1);
        assertThatThrownBy(() -> ch.receiver().recv()).isInstanceOf(ChannelClosedException.class);
    }

    // ---- 5. unbounded size() is a snapshot ------------------------------------------------------

    /** S11: size() of an unbounded channel never exceeds what it held at one moment. */
    @Test
    void unboundedSizeIsASnapshot() throws Exception {
        Channel<Integer> ch = Channel.unbounded();
        int inFlight = 600;
        int total = 400_000;
        Semaphore room = new Semaphore(inFlight);
        AtomicBoolean done = new AtomicBoolean();
        Worker<Void> producer = TestThreads.run("producer", () -> {
            for (int i = 0; i < total; i++) {
                room.acquire();
                ch.sender().send(i);
            }
        });
        Worker<Void> consumer = TestThreads.run("consumer", () -> {
            for (int i = 0; i < total; i++) {
                ch.receiver().recv();
                room.release();
            }
        });
        Worker<Integer> sampler = TestThreads.call("sampler", () -> {
            int max = 0;
            while (!done.get()) {
                max = Math.max(max, ch.size());
            }
            return max;
        });
        producer.join();
        consumer.join();
        done.set(true);
        assertThat(sampler.join()).as("the largest size() seen").isLessThanOrEqualTo(inFlight);
    }

    // ---- 6. SPSC reservation after the only receiver closed -----------------------------------

    /**
     * S4/S9: a full SPSC channel has room only once its receiver's close discards the buffer, which
     * is after the close: a reservation racing that close gets nothing or a closed error, never a
     * permit.
     */
    @RepeatedTest(2_000)
    void spscReservationNeverSucceedsAfterTheOnlyReceiverClosed() throws Exception {
        Channel<Integer> ch = Channel.<Integer>builder()
                .capacity(2)
                .singleProducer()
                .singleConsumer()
                .build();
        ch.sender().send(1);
        ch.sender().send(2);
        CyclicBarrier start = new CyclicBarrier(2);
        Worker<Void> closer = TestThreads.run("closer", () -> {
            TestThreads.await(start);
            ch.receiver().close();
        });
        TestThreads.await(start);
        List<Object> outcomes = new ArrayList<>();
        for (int i = 0; i < 50 && !closer.isDone(); i++) {
            try {
                Permit<Integer> p = ch.sender().tryReserve(1);
                outcomes.add(p == null ? "full" : "permit");
            } catch (ChannelClosedException closed) {
                outcomes.add("closed");
                break;
            }
        }
        closer.join();
        assertThat(outcomes).doesNotContain("permit");
    }

    // ---- surprises settled with the redesign -----------------------------------------------------

    /** S3: a parallel stream takes from the channel exactly what it returns. */
    @Test
    void parallelStreamTakesOnlyWhatItReturns() throws Exception {
        Channel<Integer> ch = Channel.bounded(64);
        for (int i = 0; i < 20; i++) {
            ch.sender().send(i);
        }
        ch.sender().close();
        List<Integer> three = ch.receiver().stream().parallel().limit(3).collect(Collectors.toList());
        assertThat(three).containsExactly(0, 1, 2);
        assertThat(ch.size()).isEqualTo(17);
    }

    /** S9: a permit holds its sender's place, as in tokio: closing the last handle keeps its slot. */
    @Test
    void anOutstandingPermitKeepsTheChannelOpenForItsSlots() throws Exception {
        Channel<Integer> ch = Channel.bounded(4);
        Permit<Integer> permit = ch.sender().reserve();
        ch.sender().close();
        assertThat(ch.isClosed()).as("a permit still holds a slot to fill").isFalse();
        permit.send(5);
        assertThat(ch.isClosed())
                .as("the permit's last slot used: the last sender is gone")
                .isTrue();
        assertThat(ch.receiver().recv()).isEqualTo(5);
        assertThatThrownBy(() -> ch.receiver().recv()).isInstanceOf(ChannelClosedException.class);
    }

    /** S4: a handle with a pending async operation stays reachable, so the cleaner leaves it open. */
    @Test
    void aPendingSendAsyncKeepsItsHandleReachable() throws Exception {
        Channel<Integer> ch = Channel.bounded(1);
        ch.sender().send(0);
        Sender<Integer> clone = ch.sender().clone();
        CompletableFuture<Void> pending = clone.sendAsync(1).toCompletableFuture();
        WeakReference<Sender<Integer>> handle = new WeakReference<>(clone);
        clone = null;
        ch.sender().close(); // the clone, with its pending send, is the last sender now
        for (int i = 0; i < 10 && handle.get() != null; i++) {
            System.gc();
        }
        assertThat(handle.get())
                .as("the handle of a pending send is still reachable")
                .isNotNull();
        assertThat(ch.isClosed()).isFalse();
        assertThat(ch.receiver().recv()).isEqualTo(0);
        assertThat(ch.receiver().recv()).isEqualTo(1);
        TestThreads.await(pending);
        handle.get().close();
        assertThatThrownBy(() -> ch.receiver().recv()).isInstanceOf(ChannelClosedException.class);
    }
}
