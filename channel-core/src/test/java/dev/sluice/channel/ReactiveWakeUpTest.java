package dev.sluice.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.channel.testing.TestThreads;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Wake-ups that cross from a reactive subscription to other parties: none may be held back or
 * swallowed (regressions found in review).
 */
class ReactiveWakeUpTest {

    /** A subscriber with unbounded demand that counts and signals completion. */
    private static final class Counting implements Subscriber<Long> {
        final AtomicLong count = new AtomicLong();
        final CountDownLatch completed = new CountDownLatch(1);
        private final SenderAction onNext;

        Counting(SenderAction onNext) {
            this.onNext = onNext;
        }

        @Override
        public void onSubscribe(Subscription s) {
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(Long value) {
            try {
                onNext.accept(value);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            count.incrementAndGet();
        }

        @Override
        public void onError(Throwable t) {
            throw new AssertionError("unexpected onError", t);
        }

        @Override
        public void onComplete() {
            completed.countDown();
        }
    }

    private interface SenderAction {
        void accept(Long value) throws InterruptedException;
    }

    @RepeatedTest(5)
    void aSubscriberThatBlocksInOnNextDoesNotHoldBackTheWakeUpsThatUnblockIt() throws Exception {
        // A -> (onNext blocks sending into the tiny B) -> B -> counter. The subscription on A runs
        // on producers' threads; the wake-up of B's subscriber raised inside onNext must not wait
        // until that onNext returns, or the pipeline deadlocks.
        Channel<Long> a = Channel.bounded(8);
        Channel<Long> b = Channel.bounded(1);
        Sender<Long> txB = b.sender();
        Counting downstream = new Counting(v -> {});
        b.receiver().subscribe(downstream);
        Counting pipe = new Counting(txB::send);
        a.receiver().subscribe(pipe);

        int perProducer = 2000;
        Sender<Long> p2 = a.sender().clone();
        TestThreads.Worker<Void> first = TestThreads.run("p1", () -> {
            try (Sender<Long> tx = a.sender()) {
                for (long i = 0; i < perProducer; i++) {
                    tx.send(i);
                }
            }
        });
        TestThreads.Worker<Void> second = TestThreads.run("p2", () -> {
            try (p2) {
                for (long i = 0; i < perProducer; i++) {
                    p2.send(i);
                }
            }
        });
        first.join();
        second.join();
        assertThat(pipe.completed.await(30, TimeUnit.SECONDS))
                .as("A's subscriber completes")
                .isTrue();
        txB.close();
        assertThat(downstream.completed.await(30, TimeUnit.SECONDS))
                .as("B's subscriber completes")
                .isTrue();
        assertThat(downstream.count.get()).isEqualTo(2L * perProducer);
    }

    @Test
    void cancellingASubscriptionWhoseWakeUpFiredPassesItToABlockedReceiver() throws Exception {
        for (int round = 0; round < 200; round++) {
            Channel<String> ch = Channel.bounded(4);
            Receiver<String> competitor = ch.receiver().clone();
            AtomicLong delivered = new AtomicLong();
            Subscription[] subscription = new Subscription[1];
            ch.receiver().subscribe(new Subscriber<String>() {
                @Override
                public void onSubscribe(Subscription s) {
                    subscription[0] = s;
                }

                @Override
                public void onNext(String s) {
                    delivered.incrementAndGet();
                }

                @Override
                public void onError(Throwable t) {}

                @Override
                public void onComplete() {}
            });
            subscription[0].request(1); // registers for elements, ahead of the receiver below
            TestThreads.Worker<String> blocked = TestThreads.call("competitor", () -> {
                try {
                    return competitor.recv();
                } catch (ChannelClosedException closed) {
                    return null;
                }
            });
            blocked.awaitBlocked();
            // The send wakes the subscription (first in line); the cancel racing with it must pass
            // a wake-up it will not use on to the blocked receiver.
            TestThreads.Worker<Void> cancel = TestThreads.run("cancel", () -> subscription[0].cancel());
            ch.sender().send("x");
            cancel.join();
            if (delivered.get() == 0) {
                // The subscription did not take "x", so the receiver must get it without any
                // further event (no close, no other send).
                assertThat(blocked.join(Duration.ofSeconds(10))).isEqualTo("x");
            } else {
                ch.sender().close(); // "x" went to the subscription: release the receiver
                assertThat(blocked.join(Duration.ofSeconds(10))).isNull();
            }
            assertThat(ch.size()).isZero();
        }
    }
}
