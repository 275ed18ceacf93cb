package dev.sluice.reactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.channel.Channel;
import dev.sluice.channel.ChannelClosedException;
import dev.sluice.channel.Receiver;
import dev.sluice.channel.Sender;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.Fuseable;
import reactor.core.Scannable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.test.publisher.TestPublisher;

/** B1: the Flux view (fused and not), the Mono feed and the blocking producer, with reactor-test. */
@Timeout(60)
class ChannelFluxTest {

    private static List<Integer> range(int from, int to) {
        return IntStream.range(from, to).boxed().collect(Collectors.toList());
    }

    private static Channel<Integer> closedWith(int capacity, int count) throws InterruptedException {
        Channel<Integer> ch = Channel.bounded(capacity);
        for (int i = 0; i < count; i++) {
            ch.sender().send(i);
        }
        ch.sender().close();
        return ch;
    }

    // ---- the Flux view ---------------------------------------------------------------------------

    @Test
    void theViewFusesAsyncAndDeliversInOrderThenCompletes() throws Exception {
        Channel<Integer> ch = closedWith(16, 10);
        StepVerifier.create(ChannelFlux.from(ch.receiver()))
                .expectFusion(Fuseable.ASYNC)
                .expectNextSequence(range(0, 10))
                .verifyComplete();
        assertThat(ch.receiver().isHandleClosed())
                .as("the subscription owned the handle (R2)")
                .isTrue();
    }

    @Test
    void theViewRefusesSyncFusion() throws Exception {
        Channel<Integer> ch = closedWith(16, 3);
        StepVerifier.create(ChannelFlux.from(ch.receiver()))
                .expectFusion(Fuseable.SYNC, Fuseable.NONE)
                .expectNext(0, 1, 2)
                .verifyComplete();
    }

    @Test
    void theUnfusedViewTakesOnlyWhatIsRequested() throws Exception {
        Channel<Integer> ch = closedWith(16, 10);
        StepVerifier.create(ChannelFlux.from(ch.receiver()).hide(), 0)
                .expectSubscription()
                .then(() -> assertThat(ch.size()).isEqualTo(10))
                .thenRequest(3)
                .expectNext(0, 1, 2)
                .then(() -> assertThat(ch.size())
                        .as("nothing taken ahead of demand (R1)")
                        .isEqualTo(7))
                .thenRequest(Long.MAX_VALUE)
                .expectNextSequence(range(3, 10))
                .verifyComplete();
    }

    @Test
    void aFusedConsumerTakesOnlyWhatItPolls() throws Exception {
        Channel<Integer> ch = Channel.bounded(64);
        for (int i = 0; i < 64; i++) {
            ch.sender().send(i);
        }
        Scheduler single = Schedulers.newSingle("consumer");
        try {
            StepVerifier.create(ChannelFlux.from(ch.receiver()).publishOn(single, 8), 0)
                    .expectSubscription()
                    .thenRequest(2)
                    .expectNext(0, 1)
                    .then(() -> assertThat(ch.size())
                            .as("publishOn polls at most its prefetch of 8 out of the channel")
                            .isGreaterThanOrEqualTo(64 - 8))
                    .thenCancel()
                    .verify(Duration.ofSeconds(10));
        } finally {
            single.dispose();
        }
    }

    @Test
    void theViewFailsWithTheChannelsCauseAfterTheDrain() throws Exception {
        Channel<Integer> ch = Channel.bounded(8);
        ch.sender().send(1);
        ch.sender().send(2);
        IllegalStateException cause = new IllegalStateException("upstream broke");
        ch.sender().fail(cause);
        StepVerifier.create(ChannelFlux.from(ch.receiver()))
                .expectFusion(Fuseable.ASYNC)
                .expectNext(1, 2)
                .verifyErrorSatisfies(e -> assertThat(e).isSameAs(cause));
        Channel<Integer> again = Channel.bounded(8);
        again.sender().fail(cause);
        StepVerifier.create(ChannelFlux.from(again.receiver()).hide())
                .verifyErrorSatisfies(e -> assertThat(e).isSameAs(cause));
    }

    @Test
    void takeCancelsAndClosesTheHandleSoABlockedProducerFails() throws Exception {
        Channel<Integer> ch = Channel.bounded(2);
        AtomicReference<Throwable> producerEnd = new AtomicReference<>();
        CountDownLatch ended = new CountDownLatch(1);
        Thread producer = new Thread(() -> {
            try {
                for (int i = 0; ; i++) {
                    ch.sender().send(i);
                }
            } catch (Throwable t) {
                producerEnd.set(t);
            } finally {
                ended.countDown();
            }
        });
        producer.start();
        StepVerifier.create(ChannelFlux.from(ch.receiver()).take(5))
                .expectNextSequence(range(0, 5))
                .verifyComplete();
        assertThat(ended.await(10, TimeUnit.SECONDS)).as("the producer stopped").isTrue();
        assertThat(producerEnd.get()).isInstanceOf(ChannelClosedException.class);
    }

    @org.junit.jupiter.api.RepeatedTest(10)
    void fourProducersThroughPublishOnArriveExactlyOnceInPerProducerOrder() throws Exception {
        int producers = 4;
        int each = 25_000;
        Channel<Long> ch = Channel.bounded(256);
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            Sender<Long> tx = ch.sender().clone();
            long tag = (long) p << 32;
            Thread t = new Thread(() -> {
                try (tx) {
                    for (int i = 0; i < each; i++) {
                        tx.send(tag | i);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            threads.add(t);
        }
        ch.sender().close();
        threads.forEach(Thread::start);
        Scheduler single = Schedulers.newSingle("consumer");
        try {
            int[] next = new int[producers];
            List<String> violations = new ArrayList<>();
            Long count = ChannelFlux.from(ch.receiver())
                    .publishOn(single, 64)
                    .limitRate(100)
                    .doOnNext(v -> {
                        int p = (int) (v >>> 32);
                        int seq = (int) (long) v;
                        if (seq != next[p]) {
                            violations.add("producer " + p + ": got #" + seq + ", expected #" + next[p]);
                        }
                        next[p] = seq + 1;
                    })
                    .count()
                    .block(Duration.ofSeconds(60));
            assertThat(violations).isEmpty();
            assertThat(count).isEqualTo((long) producers * each);
            assertThat(next).containsOnly(each);
        } finally {
            single.dispose();
        }
    }

    @Test
    void bufferTimeoutBatchesFromTheChannel() throws Exception {
        Channel<Integer> ch = closedWith(64, 25);
        StepVerifier.create(ChannelFlux.from(ch.receiver()).bufferTimeout(10, Duration.ofSeconds(5)))
                .expectNext(range(0, 10), range(10, 20), range(20, 25))
                .verifyComplete();
    }

    @Test
    void aRendezvousViewStaysUnfusedAndATrySendReachesIt() {
        Channel<Integer> ch = Channel.rendezvous();
        StepVerifier.create(ChannelFlux.from(ch.receiver()), 1)
                .expectFusion(Fuseable.ANY, Fuseable.NONE)
                .then(() -> assertThat(ch.sender().trySend(7)).isEqualTo(dev.sluice.channel.SendStatus.SENT))
                .expectNext(7)
                .then(ch.sender()::close)
                .verifyComplete();
    }

    @Test
    void aSecondSubscriberToOneViewIsRefused() throws Exception {
        Channel<Integer> ch = closedWith(4, 1);
        Flux<Integer> view = ChannelFlux.from(ch.receiver());
        StepVerifier.create(view).expectNext(0).verifyComplete();
        StepVerifier.create(view)
                .verifyErrorSatisfies(e ->
                        assertThat(e).isInstanceOf(IllegalStateException.class).hasMessageContaining("rx.clone()"));
    }

    @Test
    void theViewAnswersScannable() throws Exception {
        Channel<Integer> ch = Channel.bounded(16);
        ch.sender().send(1);
        Flux<Integer> view = ChannelFlux.from(ch.receiver());
        Scannable s = Scannable.from(view);
        assertThat(s.scan(Scannable.Attr.CAPACITY)).isEqualTo(16);
        assertThat(s.scan(Scannable.Attr.BUFFERED)).isEqualTo(1);
        assertThat(s.scan(Scannable.Attr.RUN_STYLE)).isEqualTo(Scannable.Attr.RunStyle.ASYNC);
        assertThat(s.scan(Scannable.Attr.TERMINATED)).isFalse();
        ch.sender().close();
    }

    @Test
    void theSubscriptionAnswersScannable() throws Exception {
        Channel<Integer> ch = Channel.bounded(16);
        ch.sender().send(1);
        ch.sender().send(2);
        Flux<Integer> view = ChannelFlux.from(ch.receiver());
        AtomicReference<Scannable> seen = new AtomicReference<>();
        reactor.core.publisher.BaseSubscriber<Integer> consumer = new reactor.core.publisher.BaseSubscriber<>() {
            @Override
            protected void hookOnSubscribe(org.reactivestreams.Subscription subscription) {
                seen.set(Scannable.from(subscription));
                request(1);
            }
        };
        view.subscribe(consumer);
        Scannable s = seen.get();
        assertThat(s.isScanAvailable()).isTrue();
        assertThat(s.scan(Scannable.Attr.PARENT)).isSameAs(view);
        assertThat(s.scanUnsafe(Scannable.Attr.ACTUAL)).isSameAs(consumer);
        assertThat(s.scan(Scannable.Attr.CAPACITY)).isEqualTo(16);
        assertThat(s.scan(Scannable.Attr.BUFFERED)).isEqualTo(1);
        assertThat(s.scan(Scannable.Attr.PREFETCH)).isEqualTo(Integer.MAX_VALUE);
        assertThat(s.scan(Scannable.Attr.RUN_STYLE)).isEqualTo(Scannable.Attr.RunStyle.ASYNC);
        assertThat(s.scan(Scannable.Attr.CANCELLED)).isFalse();
        assertThat(s.scan(Scannable.Attr.TERMINATED)).isFalse();
        consumer.cancel();
        assertThat(s.scan(Scannable.Attr.CANCELLED)).isTrue();
        assertThat(s.scan(Scannable.Attr.TERMINATED)).isTrue();
    }

    /**
     * §1.3: a fused consumer may poll inside its onSubscribe and find the channel already drained;
     * the end is signalled after onSubscribe returns, and nothing is dropped (it was: the watch was
     * made on a handle that the early end had closed).
     */
    @Test
    void aStreamThatEndsWhileItsConsumerSubscribesDropsNothing() {
        java.util.concurrent.CopyOnWriteArrayList<Throwable> dropped =
                new java.util.concurrent.CopyOnWriteArrayList<>();
        reactor.core.publisher.Hooks.onErrorDropped(dropped::add);
        try {
            for (int round = 0; round < 200; round++) {
                List<String> got = ChannelFlux.<String>produce(64, tx -> {
                            for (int k = 1; k <= 3; k++) {
                                tx.send("line " + k);
                            }
                        })
                        .publishOn(Schedulers.parallel())
                        .collectList()
                        .block(Duration.ofSeconds(10));
                assertThat(got).containsExactly("line 1", "line 2", "line 3");
            }
        } finally {
            reactor.core.publisher.Hooks.resetOnErrorDropped();
        }
        assertThat(dropped).isEmpty();
    }

    /** B5: a blocking call on a Reactor non-blocking thread fails fast, as block() does. */
    @Test
    void aBlockingCallOnANonBlockingThreadFailsFastAndChangesNothing() throws Exception {
        Channel<Integer> ch = Channel.bounded(4);
        ch.sender().send(1);
        StepVerifier.create(Mono.fromCallable(() -> ch.receiver().recv()).subscribeOn(Schedulers.parallel()))
                .verifyErrorSatisfies(e -> assertThat(e)
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageStartingWith("recv() is blocking, which is not supported in thread parallel-"));
        assertThat(ch.size()).as("nothing was taken").isEqualTo(1);
        StepVerifier.create(Mono.fromCallable(() -> {
                            ch.sender().send(2);
                            return 0;
                        })
                        .subscribeOn(Schedulers.single()))
                .verifyErrorSatisfies(e -> assertThat(e)
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageStartingWith("send() is blocking, which is not supported in thread single-")
                        .hasMessageContaining("Schedulers.boundedElastic()"));
        // the non-blocking forms are fine there, and blocking calls are fine on boundedElastic
        StepVerifier.create(Mono.fromCallable(() -> ch.receiver().tryRecv()).subscribeOn(Schedulers.parallel()))
                .expectNext(1)
                .verifyComplete();
        StepVerifier.create(Mono.fromCallable(() -> {
                            ch.sender().send(3);
                            return ch.receiver().recv();
                        })
                        .subscribeOn(Schedulers.boundedElastic()))
                .expectNext(3)
                .verifyComplete();
    }

    // ---- feeding a sender ------------------------------------------------------------------------

    @Test
    void feedCompletesWhenTheUpstreamDidAndEveryElementIsInTheChannel() throws Exception {
        Channel<Integer> ch = Channel.bounded(1000);
        StepVerifier.create(ChannelFlux.feed(Flux.range(0, 500), ch.sender())).verifyComplete();
        assertThat(ch.size()).isEqualTo(500);
        assertThat(ch.isClosed()).as("the only sender closed with the upstream").isTrue();
        StepVerifier.create(ChannelFlux.from(ch.receiver()))
                .expectNextSequence(range(0, 500))
                .verifyComplete();
    }

    @Test
    void feedFailsWithTheUpstreamsErrorAndFailsTheChannel() {
        Channel<Integer> ch = Channel.bounded(8);
        IllegalStateException cause = new IllegalStateException("broken");
        StepVerifier.create(ChannelFlux.feed(Flux.concat(Flux.just(1), Mono.error(cause)), ch.sender()))
                .verifyErrorSatisfies(e -> assertThat(e).isSameAs(cause));
        StepVerifier.create(ChannelFlux.from(ch.receiver())).expectNext(1).verifyErrorSatisfies(e -> assertThat(e)
                .isSameAs(cause));
    }

    @Test
    void feedFailsWhenTheChannelClosesUnderIt() {
        Channel<Integer> ch = Channel.bounded(4);
        TestPublisher<Integer> upstream = TestPublisher.create();
        StepVerifier.create(ChannelFlux.feed(upstream, ch.sender()))
                .then(() -> upstream.next(1, 2))
                .then(ch.receiver()::close)
                .verifyError(ChannelClosedException.class);
        upstream.assertCancelled();
    }

    @Test
    void cancellingTheFeedCancelsTheUpstreamAndClosesTheHandle() {
        Channel<Integer> ch = Channel.bounded(4);
        TestPublisher<Integer> upstream = TestPublisher.create();
        StepVerifier.create(ChannelFlux.feed(upstream, ch.sender()))
                .then(() -> upstream.next(1))
                .thenCancel()
                .verify(Duration.ofSeconds(10));
        upstream.assertCancelled();
        assertThat(ch.sender().isHandleClosed()).isTrue();
    }

    // ---- blocking producers ----------------------------------------------------------------------

    @Test
    void produceBridgesABlockingLoopAndCompletesWhenItReturns() {
        StepVerifier.create(ChannelFlux.<Integer>produce(8, tx -> {
                    for (int i = 0; i < 1000; i++) {
                        tx.send(i);
                    }
                }))
                .expectFusion(Fuseable.ASYNC)
                .expectNextSequence(range(0, 1000))
                .verifyComplete();
    }

    @Test
    void produceFailsWithWhatTheProducerThrows() {
        IllegalStateException cause = new IllegalStateException("cursor broke");
        StepVerifier.create(ChannelFlux.<Integer>produce(8, tx -> {
                    tx.send(1);
                    throw cause;
                }))
                .expectNext(1)
                .verifyErrorSatisfies(e -> assertThat(e).isSameAs(cause));
    }

    @Test
    void cancellingAProducedStreamMakesTheProducersNextSendThrow() throws Exception {
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicReference<Throwable> why = new AtomicReference<>();
        Flux<Integer> rows = ChannelFlux.produce(4, tx -> {
            try {
                for (int i = 0; ; i++) {
                    tx.send(i);
                }
            } catch (ChannelClosedException closed) {
                why.set(closed);
                throw closed;
            } finally {
                stopped.countDown();
            }
        });
        StepVerifier.create(rows.take(10)).expectNextSequence(range(0, 10)).verifyComplete();
        assertThat(stopped.await(10, TimeUnit.SECONDS))
                .as("the producer stopped promptly")
                .isTrue();
        assertThat(why.get()).isInstanceOf(ChannelClosedException.class);
    }

    @Test
    void elementsBufferedWhenAProducedStreamIsCancelledGoToTheDiscardHook() throws Exception {
        CountDownLatch sent = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> discarded = new java.util.concurrent.CopyOnWriteArrayList<>();
        Flux<Integer> rows = ChannelFlux.produce(64, tx -> {
            for (int i = 0; i < 10; i++) {
                tx.send(i); // never waits: 10 fit
            }
            sent.countDown();
            release.await(); // the subscriber cancels meanwhile
        });
        StepVerifier.create(
                        rows.doOnDiscard(Integer.class, discarded::add)
                                .limitRate(1)
                                .take(2),
                        0)
                .expectSubscription()
                .then(() -> assertThat(awaitLatch(sent)).isTrue())
                .thenRequest(2)
                .expectNext(0, 1)
                .verifyComplete();
        release.countDown();
        assertThat(discarded)
                .as("accepted, never delivered (S17), each exactly once")
                .isEqualTo(range(2, 10));
    }

    private static boolean awaitLatch(CountDownLatch latch) {
        try {
            return latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void produceOnAGivenSchedulerWithManyProducerThreads() {
        Scheduler elastic = Schedulers.newBoundedElastic(8, 100, "producers");
        try {
            Flux<Integer> merged = ChannelFlux.produce(16, elastic, tx -> {
                List<Thread> helpers = new ArrayList<>();
                for (int p = 0; p < 3; p++) {
                    Sender<Integer> mine = tx.clone();
                    int base = p * 1000;
                    Thread t = new Thread(() -> {
                        try (mine) {
                            for (int i = 0; i < 1000; i++) {
                                mine.send(base + i);
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    });
                    helpers.add(t);
                    t.start();
                }
                for (Thread t : helpers) {
                    t.join();
                }
            });
            List<Integer> all = merged.collectList().block(Duration.ofSeconds(30));
            assertThat(all).hasSize(3000).doesNotHaveDuplicates();
            assertThat(all).containsExactlyInAnyOrderElementsOf(range(0, 3000));
        } finally {
            elastic.dispose();
        }
    }

    /** B4 on JDK 21+: 1,000 virtual-thread producers, each with its own clone, through produce. */
    @Test
    void aThousandVirtualThreadProducersThroughProduceLoseNothingAndDoNotDeadlock() throws Exception {
        java.lang.reflect.Method startVirtual;
        try {
            startVirtual = Thread.class.getMethod("startVirtualThread", Runnable.class);
        } catch (NoSuchMethodException before21) {
            org.junit.jupiter.api.Assumptions.abort("virtual threads need JDK 21+");
            return;
        }
        int producers = 1000;
        int each = 100;
        java.lang.reflect.Method start = startVirtual;
        Flux<Integer> all = ChannelFlux.produce(32, tx -> {
            List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                Sender<Integer> mine = tx.clone();
                int base = p * each;
                Runnable body = () -> {
                    try (mine) {
                        for (int i = 0; i < each; i++) {
                            mine.send(base + i);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                };
                threads.add((Thread) start.invoke(null, body));
            }
            for (Thread t : threads) {
                t.join();
            }
        });
        List<Integer> got = all.publishOn(Schedulers.parallel()).collectList().block(Duration.ofSeconds(60));
        assertThat(got).hasSize(producers * each).doesNotHaveDuplicates();
    }

    @Test
    void badArgumentsAreRefusedNamingTheValue() {
        assertThatThrownBy(() -> ChannelFlux.produce(-1, tx -> {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("capacity is negative: -1");
        assertThatThrownBy(() -> ChannelFlux.from(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ChannelFlux.feed(Flux.empty(), null)).isInstanceOf(NullPointerException.class);
        Receiver<Integer> closed = Channel.<Integer>bounded(1).receiver();
        closed.close();
        StepVerifier.create(ChannelFlux.from(closed)).verifyError(IllegalStateException.class);
    }

    /** A producer's failure after the cancel reaches nobody: it goes to Reactor's dropped-error hook. */
    @Test
    void aProducersFailureAfterTheCancelGoesToTheDroppedErrorHook() throws Exception {
        java.util.concurrent.CopyOnWriteArrayList<Throwable> dropped =
                new java.util.concurrent.CopyOnWriteArrayList<>();
        CountDownLatch reported = new CountDownLatch(1);
        reactor.core.publisher.Hooks.onErrorDropped(e -> {
            dropped.add(e);
            reported.countDown();
        });
        try {
            CountDownLatch cancelled = new CountDownLatch(1);
            java.io.IOException late = new java.io.IOException("late");
            CountDownLatch running = new CountDownLatch(1);
            reactor.core.Disposable d = ChannelFlux.<Integer>produce(4, tx -> {
                        tx.send(1);
                        running.countDown();
                        cancelled.await();
                        throw late;
                    })
                    .subscribe(v -> {});
            assertThat(running.await(10, TimeUnit.SECONDS)).isTrue(); // cancel once it runs, not before it starts
            d.dispose();
            cancelled.countDown();
            assertThat(reported.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(dropped).containsExactly(late);
        } finally {
            reactor.core.publisher.Hooks.resetOnErrorDropped();
        }
    }
}
