package dev.sluice.rxjava;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sluice.channel.Channel;
import dev.sluice.channel.ChannelClosedException;
import dev.sluice.channel.Receiver;
import dev.sluice.channel.Sender;
import dev.sluice.channel.spi.FuseableSubscription;
import dev.sluice.channel.spi.VirtualThreads;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.FlowableSubscriber;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.exceptions.UndeliverableException;
import io.reactivex.rxjava3.observers.TestObserver;
import io.reactivex.rxjava3.operators.QueueFuseable;
import io.reactivex.rxjava3.operators.QueueSubscription;
import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import io.reactivex.rxjava3.processors.PublishProcessor;
import io.reactivex.rxjava3.schedulers.Schedulers;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;

/** The RxJava bridge with RxJava's own test kit ({@code test()}, {@link TestSubscriber}). */
@Timeout(120)
class ChannelFlowableTest {

    /** A channel of {@code capacity} holding {@code 0..count-1}, its sender closed. */
    private static Channel<Integer> closedWith(int capacity, int count) throws InterruptedException {
        Channel<Integer> ch = Channel.bounded(capacity);
        for (int i = 0; i < count; i++) {
            ch.sender().send(i);
        }
        ch.sender().close();
        return ch;
    }

    private static List<Integer> range(int from, int to) {
        return IntStream.range(from, to).boxed().collect(Collectors.toList());
    }

    /** Runs {@code body} with RxJava's error handler collecting into {@code errors}, then resets it. */
    private static void withErrorHandler(List<Throwable> errors, ThrowingRunnable body) throws Exception {
        RxJavaPlugins.setErrorHandler(errors::add);
        try {
            body.run();
        } finally {
            RxJavaPlugins.reset();
        }
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    // ---- fusion ---------------------------------------------------------------------------------

    @Test
    void theBridgeGrantsRxJavasOwnFusionModes() {
        assertThat(FuseableSubscription.NONE).isEqualTo(QueueFuseable.NONE);
        assertThat(FuseableSubscription.SYNC).isEqualTo(QueueFuseable.SYNC);
        assertThat(FuseableSubscription.ASYNC).isEqualTo(QueueFuseable.ASYNC);
    }

    /** A consumer that asks for fusion, as RxJava's operators do, and drains by poll. */
    private static final class FusingSubscriber implements FlowableSubscriber<Integer> {
        final int requestedMode;
        volatile int grantedMode = -1;
        QueueSubscription<Integer> qs;
        final List<Integer> received = new CopyOnWriteArrayList<>();
        final CompletableFuture<Throwable> end = new CompletableFuture<>();

        FusingSubscriber(int requestedMode) {
            this.requestedMode = requestedMode;
        }

        @Override
        @SuppressWarnings("unchecked")
        public void onSubscribe(Subscription s) {
            qs = (QueueSubscription<Integer>) s;
            grantedMode = qs.requestFusion(requestedMode);
            if (grantedMode == QueueFuseable.NONE) {
                s.request(Long.MAX_VALUE);
            }
        }

        @Override
        public void onNext(Integer t) {
            if (grantedMode != QueueFuseable.ASYNC) {
                received.add(t);
                return;
            }
            assertThat(t).as("ASYNC signals availability with onNext(null)").isNull();
            try {
                Integer v;
                while ((v = qs.poll()) != null) {
                    received.add(v);
                }
            } catch (Throwable e) {
                end.complete(e);
            }
        }

        @Override
        public void onError(Throwable t) {
            end.complete(t);
        }

        @Override
        public void onComplete() {
            end.complete(null);
        }
    }

    @Test
    void asyncFusionIsGrantedAndTheConsumerPollsTheChannel() throws Exception {
        Channel<Integer> ch = closedWith(16, 5);
        FusingSubscriber s = new FusingSubscriber(QueueFuseable.ANY | QueueFuseable.BOUNDARY);
        ChannelFlowable.from(ch.receiver()).subscribe(s);
        assertThat(s.grantedMode).isEqualTo(QueueFuseable.ASYNC);
        assertThat(s.end.get(10, TimeUnit.SECONDS)).isNull();
        assertThat(s.received).containsExactly(0, 1, 2, 3, 4);
        assertThat(ch.receiver().isHandleClosed()).isTrue();
    }

    @Test
    void syncFusionIsRefused() throws Exception {
        Channel<Integer> ch = closedWith(16, 3);
        FusingSubscriber s = new FusingSubscriber(QueueFuseable.SYNC);
        ChannelFlowable.from(ch.receiver()).subscribe(s);
        assertThat(s.grantedMode).isEqualTo(QueueFuseable.NONE);
        assertThat(s.end.get(10, TimeUnit.SECONDS)).isNull();
        assertThat(s.received).containsExactly(0, 1, 2);
    }

    @Test
    void aRendezvousChannelStaysUnfusedAndStillFlows() throws Exception {
        Channel<Integer> ch = Channel.rendezvous();
        FusingSubscriber s = new FusingSubscriber(QueueFuseable.ANY);
        ChannelFlowable.from(ch.receiver()).subscribe(s);
        assertThat(s.grantedMode).isEqualTo(QueueFuseable.NONE);
        for (int i = 0; i < 3; i++) {
            ch.sender().send(i);
        }
        ch.sender().close();
        assertThat(s.end.get(10, TimeUnit.SECONDS)).isNull();
        assertThat(s.received).containsExactly(0, 1, 2);
    }

    /**
     * Fused, {@code observeOn} keeps no queue of its own: it takes an element out of the channel only
     * when its subscriber wants one. Unfused, it prefetches into its queue; the contrast shows the
     * check can tell the two apart.
     */
    @Test
    void observeOnPollsTheChannelItselfSoElementsLeaveOnlyWhenWanted() throws Exception {
        Scheduler single = Schedulers.single();
        Channel<Integer> fusedCh = Channel.bounded(16);
        Channel<Integer> unfusedCh = Channel.bounded(16);
        for (int i = 0; i < 10; i++) {
            fusedCh.sender().send(i);
            unfusedCh.sender().send(i);
        }
        TestSubscriber<Integer> fused = ChannelFlowable.from(fusedCh.receiver())
                .observeOn(single, false, 4)
                .test(0);
        TestSubscriber<Integer> unfused = ChannelFlowable.from(unfusedCh.receiver())
                .hide()
                .observeOn(single, false, 4)
                .test(0);
        fused.request(2);
        unfused.request(2);
        fused.awaitCount(2);
        unfused.awaitCount(2);
        fused.assertValues(0, 1);
        unfused.assertValues(0, 1);
        assertThat(fusedCh.sender().size()).isEqualTo(8);
        assertThat(unfusedCh.sender().size()).isLessThanOrEqualTo(6);
        fused.cancel();
        unfused.cancel();
    }

    // ---- demand, cancel, errors -------------------------------------------------------------------

    @Test
    void unfusedDeliversOnlyWhatWasRequested() throws Exception {
        Channel<Integer> ch = closedWith(16, 10);
        TestSubscriber<Integer> ts = ChannelFlowable.from(ch.receiver()).test(0);
        ts.assertEmpty();
        ts.request(3);
        ts.assertValues(0, 1, 2).assertNotComplete();
        assertThat(ch.receiver().size()).isEqualTo(7);
        ts.request(Long.MAX_VALUE);
        ts.assertValueCount(10).assertComplete();
    }

    @Test
    void aNonPositiveRequestFailsTheSubscriber() throws Exception {
        Channel<Integer> ch = closedWith(4, 2);
        TestSubscriber<Integer> ts = new TestSubscriber<>(0L);
        ChannelFlowable.from(ch.receiver()).subscribe(new FlowableSubscriber<Integer>() {
            @Override
            public void onSubscribe(Subscription s) {
                ts.onSubscribe(s);
                s.request(0);
            }

            @Override
            public void onNext(Integer t) {
                ts.onNext(t);
            }

            @Override
            public void onError(Throwable t) {
                ts.onError(t);
            }

            @Override
            public void onComplete() {
                ts.onComplete();
            }
        });
        ts.awaitDone(10, TimeUnit.SECONDS);
        ts.assertError(IllegalArgumentException.class).assertNoValues();
    }

    @Test
    void aSecondSubscriberToOneViewIsRefused() throws Exception {
        Channel<Integer> ch = closedWith(4, 1);
        Flowable<Integer> view = ChannelFlowable.from(ch.receiver());
        view.test().awaitDone(10, TimeUnit.SECONDS).assertValues(0).assertComplete();
        view.test()
                .awaitDone(10, TimeUnit.SECONDS)
                .assertError(e ->
                        e instanceof IllegalStateException && e.getMessage().contains("rx.clone()"));
    }

    @Test
    void aClosedHandleIsRefused() {
        Channel<Integer> ch = Channel.bounded(4);
        Receiver<Integer> rx = ch.receiver();
        rx.close();
        ChannelFlowable.from(rx).test().assertError(IllegalStateException.class);
    }

    @Test
    void badArgumentsAreRefusedAtOnce() {
        Channel<Integer> ch = Channel.bounded(4);
        assertThatThrownBy(() -> ChannelFlowable.from(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ChannelFlowable.feed(null, ch.sender())).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ChannelFlowable.feed(Flowable.just(1), null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ChannelFlowable.produce(-1, tx -> {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative");
        assertThatThrownBy(() -> ChannelFlowable.produce(Channel.MAX_CAPACITY + 1, tx -> {}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChannelFlowable.produce(4, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ChannelFlowable.produce(4, null, tx -> {})).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ChannelFlowable.fromObservable(null, 4, OverflowStrategy.BLOCK))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ChannelFlowable.fromObservable(io.reactivex.rxjava3.core.Observable.just(1), 4, null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ChannelFlowable.fromObservable(
                        io.reactivex.rxjava3.core.Observable.just(1), 0, OverflowStrategy.DROP_NEWEST))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive");
        // nothing changed: the channel still works
        assertThat(ch.sender().trySend(1)).isEqualTo(dev.sluice.channel.SendStatus.SENT);
    }

    @Test
    void aFailedChannelFailsTheSubscriberAfterTheDrain() throws Exception {
        Channel<Integer> ch = Channel.bounded(8);
        ch.sender().send(1);
        ch.sender().send(2);
        IllegalStateException boom = new IllegalStateException("boom");
        ch.sender().fail(boom);
        ChannelFlowable.from(ch.receiver())
                .observeOn(Schedulers.computation())
                .test()
                .awaitDone(10, TimeUnit.SECONDS)
                .assertValues(1, 2)
                .assertError(boom);
    }

    @Test
    void cancellingMidStreamClosesTheReceiverAndTheProducersSendFails() throws Exception {
        CompletableFuture<Throwable> producerEnd = new CompletableFuture<>();
        TestSubscriber<Integer> ts = ChannelFlowable.<Integer>produce(8, tx -> {
                    try {
                        for (int i = 0; ; i++) {
                            tx.send(i);
                        }
                    } catch (ChannelClosedException e) {
                        producerEnd.complete(e);
                        throw e;
                    }
                })
                .observeOn(Schedulers.computation())
                .take(100)
                .test();
        ts.awaitDone(10, TimeUnit.SECONDS).assertValueCount(100).assertComplete();
        assertThat(ts.values()).isEqualTo(range(0, 100));
        assertThat(producerEnd.get(10, TimeUnit.SECONDS)).isInstanceOf(ChannelClosedException.class);
    }

    @Test
    void rebatchRequestsAndTakeReadInOrder() {
        ChannelFlowable.<Integer>produce(16, tx -> {
                    for (int i = 0; i < 1000; i++) {
                        tx.send(i);
                    }
                })
                .rebatchRequests(7)
                .take(500)
                .test()
                .awaitDone(10, TimeUnit.SECONDS)
                .assertValueSequence(range(0, 500))
                .assertComplete();
    }

    @Test
    void concatMapAndFlatMapInnersPollTheirChannels() throws Exception {
        List<Channel<Integer>> channels = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            Channel<Integer> ch = Channel.bounded(64);
            for (int i = 0; i < 50; i++) {
                ch.sender().send(c * 100 + i);
            }
            ch.sender().close();
            channels.add(ch);
        }
        List<Integer> expected = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            expected.addAll(range(c * 100, c * 100 + 50));
        }
        Flowable.range(0, 3)
                .concatMap(c -> ChannelFlowable.from(channels.get(c).receiver()), 1)
                .test()
                .awaitDone(10, TimeUnit.SECONDS)
                .assertValueSequence(expected)
                .assertComplete();

        List<Channel<Integer>> again = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            again.add(closedWith(64, 50));
        }
        TestSubscriber<Integer> merged = Flowable.range(0, 3)
                .flatMap(c -> ChannelFlowable.from(again.get(c).receiver()), false, 3, 8)
                .test()
                .awaitDone(10, TimeUnit.SECONDS)
                .assertComplete();
        assertThat(merged.values()).hasSize(150);
        assertThat(merged.values().stream().filter(v -> v == 49).count()).isEqualTo(3);
    }

    @Test
    void fourProducersThroughObserveOnWithExactPerProducerAccounting() throws Exception {
        int producers = 4;
        int each = 50_000;
        for (boolean fused : new boolean[] {true, false}) {
            Channel<Long> ch = Channel.bounded(256);
            List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                Sender<Long> tx = ch.sender().clone();
                long id = p;
                threads.add(new Thread(() -> {
                    try (tx) {
                        for (long i = 0; i < each; i++) {
                            tx.send(id << 32 | i);
                        }
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                }));
            }
            ch.sender().close();
            Flowable<Long> view = ChannelFlowable.from(ch.receiver());
            if (!fused) {
                view = view.hide();
            }
            TestSubscriber<Long> ts = view.observeOn(Schedulers.computation()).test();
            threads.forEach(Thread::start);
            ts.awaitDone(60, TimeUnit.SECONDS).assertComplete().assertNoErrors();
            long[] next = new long[producers];
            for (long v : ts.values()) {
                int p = (int) (v >>> 32);
                assertThat(v & 0xFFFF_FFFFL).as("producer %d's order", p).isEqualTo(next[p]);
                next[p]++;
            }
            for (int p = 0; p < producers; p++) {
                assertThat(next[p]).as("producer %d's count", p).isEqualTo(each);
            }
        }
    }

    // ---- feed -------------------------------------------------------------------------------------

    @Test
    void feedCompletesWhenTheUpstreamCompletedAndEveryElementArrives() {
        Channel<Integer> ch = Channel.bounded(16);
        TestSubscriber<Integer> consumer = ChannelFlowable.from(ch.receiver())
                .observeOn(Schedulers.computation())
                .test();
        TestObserver<Void> fed = ChannelFlowable.feed(Flowable.range(0, 10_000), ch.sender())
                .subscribeOn(Schedulers.io())
                .test();
        fed.awaitDone(10, TimeUnit.SECONDS).assertComplete();
        consumer.awaitDone(10, TimeUnit.SECONDS)
                .assertValueSequence(range(0, 10_000))
                .assertComplete();
    }

    @Test
    void feedFailsTheChannelWithTheUpstreamsError() {
        Channel<Integer> ch = Channel.bounded(16);
        IllegalStateException boom = new IllegalStateException("boom");
        TestObserver<Void> fed = ChannelFlowable.feed(Flowable.just(1, 2).concatWith(Flowable.error(boom)), ch.sender())
                .test();
        fed.awaitDone(10, TimeUnit.SECONDS).assertError(boom);
        ChannelFlowable.from(ch.receiver())
                .test()
                .awaitDone(10, TimeUnit.SECONDS)
                .assertValues(1, 2)
                .assertError(boom);
    }

    @Test
    void feedFailsWhenTheChannelClosesFirstAndCancelsTheUpstream() {
        Channel<Integer> ch = Channel.bounded(16);
        PublishProcessor<Integer> upstream = PublishProcessor.create();
        TestObserver<Void> fed = ChannelFlowable.feed(upstream, ch.sender()).test();
        assertThat(upstream.hasSubscribers()).isTrue();
        ch.receiver().close(); // the last receiver leaves
        upstream.onNext(1); // the sender finds the channel closed
        fed.awaitDone(10, TimeUnit.SECONDS).assertError(ChannelClosedException.class);
        assertThat(upstream.hasSubscribers()).isFalse();
    }

    @Test
    void disposingTheFeedCancelsTheUpstreamAndClosesTheHandle() {
        Channel<Integer> ch = Channel.bounded(16);
        PublishProcessor<Integer> upstream = PublishProcessor.create();
        Sender<Integer> tx = ch.sender();
        TestObserver<Void> fed = ChannelFlowable.feed(upstream, tx).test();
        fed.dispose();
        assertThat(upstream.hasSubscribers()).isFalse();
        assertThat(tx.isHandleClosed()).isTrue();
        fed.assertNotComplete().assertNoErrors();
    }

    @Test
    void anUpstreamErrorAfterTheFeedWasDisposedGoesToRxJavaPlugins() throws Exception {
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        withErrorHandler(errors, () -> {
            Channel<Integer> ch = Channel.bounded(16);
            AtomicReference<org.reactivestreams.Subscriber<? super Integer>> captured = new AtomicReference<>();
            Publisher<Integer> careless = s -> { // ignores cancel, as a broken upstream might
                captured.set(s);
                s.onSubscribe(new Subscription() {
                    @Override
                    public void request(long n) {}

                    @Override
                    public void cancel() {}
                });
            };
            TestObserver<Void> fed = ChannelFlowable.feed(careless, ch.sender()).test();
            fed.dispose();
            java.io.IOException late = new java.io.IOException("late");
            captured.get().onError(late);
            assertThat(errors).hasSize(1);
            assertThat(errors.get(0)).isInstanceOf(UndeliverableException.class).hasCause(late);
        });
    }

    // ---- Observable with an overflow strategy -----------------------------------------------------

    @Test
    void blockSlowsTheObservableAndLosesNothing() {
        List<Integer> dropped = new CopyOnWriteArrayList<>();
        ChannelFlowable.fromObservable(
                        io.reactivex.rxjava3.core.Observable.range(0, 20_000).subscribeOn(Schedulers.io()),
                        16,
                        OverflowStrategy.BLOCK,
                        dropped::add)
                .observeOn(Schedulers.computation())
                .test()
                .awaitDone(30, TimeUnit.SECONDS)
                .assertValueSequence(range(0, 20_000))
                .assertComplete();
        assertThat(dropped).isEmpty();
    }

    @Test
    void dropNewestKeepsTheFirstAndHandsTheRestToTheHook() {
        List<Integer> dropped = new CopyOnWriteArrayList<>();
        TestSubscriber<Integer> ts = ChannelFlowable.fromObservable(
                        io.reactivex.rxjava3.core.Observable.range(0, 100),
                        10,
                        OverflowStrategy.DROP_NEWEST,
                        dropped::add)
                .test(0);
        assertThat(dropped).isEqualTo(range(10, 100));
        ts.request(100);
        ts.assertValueSequence(range(0, 10)).assertComplete();
    }

    @Test
    void dropOldestKeepsTheLastAndHandsTheRestToTheHook() {
        List<Integer> dropped = new CopyOnWriteArrayList<>();
        TestSubscriber<Integer> ts = ChannelFlowable.fromObservable(
                        io.reactivex.rxjava3.core.Observable.range(0, 100),
                        10,
                        OverflowStrategy.DROP_OLDEST,
                        dropped::add)
                .test(0);
        assertThat(dropped).isEqualTo(range(0, 90));
        ts.request(100);
        ts.assertValueSequence(range(90, 100)).assertComplete();
    }

    @Test
    void errorEndsTheStreamAfterTheBufferedElementsAndDisposesTheObservable() {
        CountDownLatch disposed = new CountDownLatch(1);
        List<Integer> dropped = new CopyOnWriteArrayList<>();
        TestSubscriber<Integer> ts = ChannelFlowable.fromObservable(
                        io.reactivex.rxjava3.core.Observable.range(0, 100).doOnDispose(disposed::countDown),
                        10,
                        OverflowStrategy.ERROR,
                        dropped::add)
                .test(0);
        assertThat(disposed.getCount()).isZero();
        ts.assertEmpty();
        ts.request(100);
        ts.assertValueSequence(range(0, 10))
                .assertError(io.reactivex.rxjava3.exceptions.MissingBackpressureException.class);
        assertThat(dropped)
                .as("the element that did not fit was refused, not accepted")
                .isEmpty();
    }

    @Test
    void anObservablesErrorArrivesAfterTheBufferedElements() {
        IllegalStateException boom = new IllegalStateException("boom");
        ChannelFlowable.fromObservable(
                        io.reactivex.rxjava3.core.Observable.just(1, 2)
                                .concatWith(io.reactivex.rxjava3.core.Observable.error(boom)),
                        4,
                        OverflowStrategy.BLOCK)
                .test()
                .awaitDone(10, TimeUnit.SECONDS)
                .assertValues(1, 2)
                .assertError(boom);
    }

    @Test
    void cancellingDisposesTheObservableAtOnceAndHandsTheBufferedToTheHook() {
        CountDownLatch disposed = new CountDownLatch(1);
        List<Integer> undelivered = new CopyOnWriteArrayList<>();
        TestSubscriber<Integer> ts = ChannelFlowable.fromObservable(
                        io.reactivex.rxjava3.core.Observable.range(0, 5)
                                .concatWith(io.reactivex.rxjava3.core.Observable.never())
                                .doOnDispose(disposed::countDown),
                        8,
                        OverflowStrategy.DROP_NEWEST,
                        undelivered::add)
                .test(0);
        ts.cancel();
        assertThat(disposed.getCount()).isZero();
        assertThat(undelivered).isEqualTo(range(0, 5));
    }

    // ---- produce ----------------------------------------------------------------------------------

    @Test
    void produceCompletesWhenTheProducerReturnsAndFailsWithWhatItThrows() {
        ChannelFlowable.<String>produce(4, tx -> {
                    for (int i = 0; i < 10; i++) {
                        tx.send("line " + i);
                    }
                })
                .test()
                .awaitDone(10, TimeUnit.SECONDS)
                .assertValueCount(10)
                .assertComplete();
        java.io.IOException broken = new java.io.IOException("disk gone");
        ChannelFlowable.<String>produce(4, tx -> {
                    tx.send("first");
                    throw broken;
                })
                .test()
                .awaitDone(10, TimeUnit.SECONDS)
                .assertValues("first")
                .assertError(broken);
    }

    @Test
    void produceRunsOnTheSchedulerGiven() {
        AtomicReference<String> thread = new AtomicReference<>();
        ChannelFlowable.<Integer>produce(4, Schedulers.io(), tx -> {
                    thread.set(Thread.currentThread().getName());
                    tx.send(1);
                })
                .test()
                .awaitDone(10, TimeUnit.SECONDS)
                .assertValues(1)
                .assertComplete();
        assertThat(thread.get()).startsWith("RxCachedThreadScheduler");
    }

    @Test
    void aProducersFailureAfterTheCancelGoesToRxJavaPlugins() throws Exception {
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        withErrorHandler(errors, () -> {
            CountDownLatch cancelled = new CountDownLatch(1);
            CountDownLatch reported = new CountDownLatch(1);
            java.io.IOException late = new java.io.IOException("late");
            RxJavaPlugins.setErrorHandler(e -> {
                errors.add(e);
                reported.countDown();
            });
            CountDownLatch running = new CountDownLatch(1);
            TestSubscriber<Integer> ts = ChannelFlowable.<Integer>produce(4, tx -> {
                        tx.send(1);
                        running.countDown();
                        cancelled.await();
                        throw late;
                    })
                    .test(0);
            assertThat(running.await(10, TimeUnit.SECONDS)).isTrue(); // cancel once it runs, not before it starts
            ts.cancel();
            cancelled.countDown();
            assertThat(reported.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(errors).hasSize(1);
            assertThat(errors.get(0)).isInstanceOf(UndeliverableException.class).hasCause(late);
        });
    }

    @Test
    void aThousandVirtualThreadProducersThroughProduce() {
        assumeTrue(VirtualThreads.available(), "virtual threads need JDK 21+");
        int producers = 1000;
        int each = 100;
        TestSubscriber<Long> ts = ChannelFlowable.<Long>produce(64, tx -> {
                    CountDownLatch done = new CountDownLatch(producers);
                    for (int p = 0; p < producers; p++) {
                        Sender<Long> mine = tx.clone();
                        long id = p;
                        VirtualThreads.tryStart(() -> {
                            try (mine) {
                                for (long i = 0; i < each; i++) {
                                    mine.send(id << 32 | i);
                                }
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            } finally {
                                done.countDown();
                            }
                        });
                    }
                    done.await();
                })
                .observeOn(Schedulers.computation())
                .test();
        ts.awaitDone(60, TimeUnit.SECONDS).assertComplete().assertNoErrors();
        long[] next = new long[producers];
        for (long v : ts.values()) {
            int p = (int) (v >>> 32);
            assertThat(v & 0xFFFF_FFFFL).isEqualTo(next[p]);
            next[p]++;
        }
        for (long n : next) {
            assertThat(n).isEqualTo(each);
        }
    }

    // ---- blocking calls on non-blocking threads ----------------------------------------------------

    @Test
    void aBlockingSendOnAComputationThreadFailsWhenRxJavaIsToldToRefuseBlocking() throws Exception {
        Channel<Integer> ch = Channel.bounded(1);
        ch.sender().send(0); // full: a send would wait
        RxJavaPlugins.setFailOnNonBlockingScheduler(true);
        try {
            io.reactivex.rxjava3.core.Completable.fromAction(() -> ch.sender().send(1))
                    .subscribeOn(Schedulers.computation())
                    .test()
                    .awaitDone(10, TimeUnit.SECONDS)
                    .assertError(e -> e instanceof IllegalStateException
                            && e.getMessage().contains("send() is blocking")
                            && e.getMessage().contains("setFailOnNonBlockingScheduler"));
            assertThat(ch.sender().size())
                    .as("the refused send changed nothing")
                    .isEqualTo(1);
            // non-blocking forms still work there
            io.reactivex.rxjava3.core.Single.fromCallable(() -> ch.sender().trySend(1))
                    .subscribeOn(Schedulers.computation())
                    .test()
                    .awaitDone(10, TimeUnit.SECONDS)
                    .assertValue(dev.sluice.channel.SendStatus.FULL);
        } finally {
            RxJavaPlugins.reset();
        }
        // without the flag RxJava allows blocking there, and so does the channel
        CompletableFuture<Void> sent = new CompletableFuture<>();
        Schedulers.computation().scheduleDirect(() -> {
            try {
                ch.sender().send(1);
                sent.complete(null);
            } catch (Throwable e) {
                sent.completeExceptionally(e);
            }
        });
        assertThat(ch.receiver().recv()).isEqualTo(0);
        sent.get(10, TimeUnit.SECONDS);
        assertThat(ch.receiver().recv()).isEqualTo(1);
    }
}
