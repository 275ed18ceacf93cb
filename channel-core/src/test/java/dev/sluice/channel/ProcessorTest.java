package dev.sluice.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.channel.TestUpstreams.Manual;
import dev.sluice.channel.TestUpstreams.OnDemand;
import dev.sluice.channel.TestUpstreams.OwnThread;
import dev.sluice.channel.testing.Flavors;
import dev.sluice.channel.testing.Flavors.Flavor;
import dev.sluice.channel.testing.TestThreads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * R5, R6: a {@link Channel} is a Reactive Streams {@code Processor} (upstream into its first
 * sender, downstream from its first receiver), and the {@code java.util.concurrent.Flow} views carry
 * the same rules: order and completion end to end, errors downstream, cancellation upstream.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProcessorTest {

    /** See {@link SubscriberTest}: a cancel that should follow at once, guarded briefly. */
    private static final Duration PROMPT = Duration.ofSeconds(1);

    private static final int BATCH = 8;

    // ---- upstream -> channel -> downstream ---------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void elementsFlowFromTheUpstreamThroughTheChannelToTheDownstreamInOrder(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        int count = 20_000;
        OwnThread upstream = new OwnThread(count);
        RecordingSubscriber<Integer> downstream = batched(new RecordingSubscriber<>(BATCH));

        upstream.subscribe(ch);
        ch.subscribe(downstream);

        downstream.awaitTerminated().assertCompletedOnce();
        upstream.join();
        assertThat(downstream.values()).isEqualTo(TestChannels.range(0, count));
        assertThat(upstream.cancels()).isZero();
        assertThat(ch.senderCount()).as("onComplete closed the first sender").isZero();
        assertThat(ch.receiverCount())
                .as("completion closed the first receiver")
                .isZero();
        upstream.assertNoBadRequest();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.BUFFERED)
    void anUpstreamErrorReachesTheDownstreamWithTheSameCauseAfterTheBufferedElements(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        Manual upstream = new Manual();
        upstream.subscribeWith(ch);
        RecordingSubscriber<Integer> downstream = new RecordingSubscriber<>();
        ch.subscribe(downstream);
        int emitted = (int) Math.min(upstream.outstanding(), 3);
        upstream.emit(emitted);
        IllegalStateException cause = new IllegalStateException("upstream failed");

        ch.onError(cause);

        downstream.assertNotTerminated();
        downstream.request(emitted);
        downstream.awaitTerminated().assertFailedOnce();
        assertThat(downstream.error()).isSameAs(cause);
        assertThat(downstream.values()).isEqualTo(TestChannels.range(0, emitted));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void anUpstreamErrorReachesADownstreamThatKeptUp(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        Manual upstream = new Manual();
        upstream.subscribeWith(ch);
        RecordingSubscriber<Integer> downstream = new RecordingSubscriber<>(Long.MAX_VALUE);
        ch.subscribe(downstream);
        for (int i = 0; i < 5; i++) {
            upstream.emit(1); // taken at once: a rendezvous asks for the next one only then
        }
        assertThat(downstream.values()).isEqualTo(TestChannels.range(0, 5));
        IllegalStateException cause = new IllegalStateException("upstream failed");

        ch.onError(cause);

        downstream.awaitTerminated().assertFailedOnce();
        assertThat(downstream.error()).isSameAs(cause);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.BLOCKING)
    void aDownstreamCancelCancelsTheUpstreamOnceTheLastReceiverIsGone(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        Receiver<Integer> other = flavor.singleConsumer() ? null : ch.receiver().clone();
        OnDemand upstream = new OnDemand(Integer.MAX_VALUE, false);
        upstream.subscribe(ch); // fills the channel (a rendezvous: one element waiting)
        RecordingSubscriber<Integer> downstream = new RecordingSubscriber<>();
        ch.subscribe(downstream);

        downstream.cancel();
        if (other != null) {
            assertThat(upstream.cancels()).as("a receiver is still open").isZero();
            assertThat(ch.isClosed()).isFalse();
            other.close();
        }

        upstream.awaitCancelled(PROMPT);
        assertThat(upstream.cancels()).isEqualTo(1);
        assertThat(downstream.values()).isEmpty();
        downstream.assertNoViolations();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void aDownstreamCancelCancelsAnIdleUpstreamThatStillHasDemand(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        Manual upstream = new Manual();
        upstream.subscribeWith(ch);
        assertThat(upstream.outstanding()).isPositive();
        RecordingSubscriber<Integer> downstream = new RecordingSubscriber<>(1);
        ch.subscribe(downstream);

        downstream.cancel();

        upstream.awaitCancelled(PROMPT);
        assertThat(upstream.cancels()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void aSecondUpstreamOfTheChannelIsCancelled(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        Manual first = new Manual();
        Manual second = new Manual();
        first.subscribeWith(ch);

        ch.onSubscribe(second);

        assertThat(second.cancels()).isEqualTo(1);
        assertThat(second.requested()).isZero();
        assertThat(first.cancels()).isZero();
    }

    // ---- Flow views --------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void aSubmissionPublisherFeedsAFlowSubscriberThroughTheFlowViewsOfTheHandles(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        int count = 5_000;
        FlowRecorder downstream = new FlowRecorder(BATCH);
        ExecutorService executor = daemonExecutor();
        try (SubmissionPublisher<Integer> upstream = new SubmissionPublisher<>(executor, 16)) {
            upstream.subscribe(ch.sender().asFlowSubscriber());
            ch.receiver().asFlowPublisher().subscribe(downstream);
            for (int i = 0; i < count; i++) {
                upstream.submit(i); // waits while the channel's backpressure holds the publisher's buffer full
            }
        } finally {
            executor.shutdown();
        }

        downstream.awaitTerminated().assertCompletedOnce();
        assertThat(downstream.values()).isEqualTo(TestChannels.range(0, count));
        assertThat(ch.sender().isHandleClosed()).isTrue();
        assertThat(ch.receiver().isHandleClosed()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void theChannelAsFlowProcessorCarriesASubmissionPublisherToAFlowSubscriber(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        int count = 5_000;
        FlowRecorder downstream = new FlowRecorder(BATCH);
        Flow.Processor<Integer, Integer> processor = ch.asFlowProcessor();
        ExecutorService executor = daemonExecutor();
        try (SubmissionPublisher<Integer> upstream = new SubmissionPublisher<>(executor, 16)) {
            upstream.subscribe(processor);
            processor.subscribe(downstream);
            for (int i = 0; i < count; i++) {
                upstream.submit(i);
            }
        } finally {
            executor.shutdown();
        }

        downstream.awaitTerminated().assertCompletedOnce();
        assertThat(downstream.values()).isEqualTo(TestChannels.range(0, count));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void aSubmissionPublishersErrorReachesTheFlowSubscriberWithTheSameCause(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        FlowRecorder downstream = new FlowRecorder(Long.MAX_VALUE);
        Flow.Processor<Integer, Integer> processor = ch.asFlowProcessor();
        ExecutorService executor = daemonExecutor();
        IllegalStateException cause = new IllegalStateException("publisher failed");
        try {
            SubmissionPublisher<Integer> upstream = new SubmissionPublisher<>(executor, 16);
            upstream.subscribe(processor);
            processor.subscribe(downstream);
            for (int i = 0; i < 3; i++) {
                upstream.submit(i);
            }
            downstream.awaitValues(3);

            upstream.closeExceptionally(cause);

            downstream.awaitTerminated();
        } finally {
            executor.shutdown();
        }
        assertThat(downstream.values()).isEqualTo(TestChannels.range(0, 3));
        assertThat(downstream.error()).isSameAs(cause);
        assertThat(downstream.completions()).isZero();
        downstream.assertNoViolations();
    }

    // ---- helpers ---------------------------------------------------------------------------------

    /** Requests {@link #BATCH} more from inside {@code onNext} each time a batch is used up. */
    private static RecordingSubscriber<Integer> batched(RecordingSubscriber<Integer> subscriber) {
        AtomicInteger received = new AtomicInteger();
        return subscriber.doOnNext(value -> {
            if (received.incrementAndGet() % BATCH == 0) {
                subscriber.request(BATCH);
            }
        });
    }

    private static ExecutorService daemonExecutor() {
        return Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "submission-publisher");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * A {@link Flow.Subscriber} that requests {@code batch} at a time from inside {@code onNext},
     * records what it gets and notes any signal beyond demand or after the end.
     */
    static final class FlowRecorder implements Flow.Subscriber<Integer> {
        private final long batch;
        private final List<Integer> values = Collections.synchronizedList(new ArrayList<>());
        private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
        private final AtomicLong requested = new AtomicLong();
        private final AtomicInteger completions = new AtomicInteger();
        private final CountDownLatch terminated = new CountDownLatch(1);
        private volatile Flow.Subscription subscription;
        private volatile Throwable error;
        private long sinceRequest;

        FlowRecorder(long batch) {
            this.batch = batch;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            if (subscription != null) {
                violations.add("a second onSubscribe");
            }
            subscription = s;
            requested.addAndGet(batch);
            s.request(batch);
        }

        @Override
        public void onNext(Integer item) {
            if (terminated.getCount() == 0) {
                violations.add("onNext(" + item + ") after the end");
            }
            if (values.size() >= requested.get()) {
                violations.add("onNext(" + item + ") beyond the " + requested.get() + " requested");
            }
            values.add(item);
            if (batch != Long.MAX_VALUE && ++sinceRequest == batch) {
                sinceRequest = 0;
                requested.addAndGet(batch);
                subscription.request(batch);
            }
        }

        @Override
        public void onError(Throwable t) {
            if (terminated.getCount() == 0) {
                violations.add("onError(" + t + ") after the end");
            }
            error = t;
            terminated.countDown();
        }

        @Override
        public void onComplete() {
            if (terminated.getCount() == 0) {
                violations.add("onComplete after the end");
            }
            completions.incrementAndGet();
            terminated.countDown();
        }

        FlowRecorder awaitTerminated() {
            TestThreads.awaitOpen(terminated, "the Flow subscriber terminated (it has " + values.size() + ")");
            return this;
        }

        FlowRecorder awaitValues(int count) {
            TestThreads.awaitTrue(() -> values.size() >= count, "the Flow subscriber has " + count + " items");
            return this;
        }

        List<Integer> values() {
            synchronized (values) {
                return new ArrayList<>(values);
            }
        }

        Throwable error() {
            return error;
        }

        int completions() {
            return completions.get();
        }

        FlowRecorder assertNoViolations() {
            assertThat(violations).isEmpty();
            return this;
        }

        FlowRecorder assertCompletedOnce() {
            assertThat(error).as("onError").isNull();
            assertThat(completions.get()).as("onComplete calls").isEqualTo(1);
            return assertNoViolations();
        }
    }

    @ParameterizedTest
    @MethodSource(Flavors.ALL)
    void aSecondSubscriberToTheProcessorGetsIllegalStateExceptionBecauseAChannelIsNotABroadcast(Flavor flavor) {
        Channel<Integer> channel = flavor.create();
        RecordingSubscriber<Integer> first = new RecordingSubscriber<>();
        RecordingSubscriber<Integer> second = new RecordingSubscriber<>();
        channel.subscribe(first);
        channel.subscribe(second);
        second.awaitTerminated();
        assertThat(second.error()).isInstanceOf(IllegalStateException.class);
        assertThat(first.isTerminated()).isFalse();
        assertThat(channel.receiverCount()).isEqualTo(1);
    }
}
