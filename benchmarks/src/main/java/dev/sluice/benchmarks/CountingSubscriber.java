package dev.sluice.benchmarks;

import io.reactivex.rxjava3.core.FlowableSubscriber;
import java.util.concurrent.Flow;
import java.util.function.LongConsumer;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;

/**
 * The one consumer of every blocking-to-reactive pipeline: requests {@value #REQUEST_BATCH} up front,
 * then another {@value #REQUEST_BATCH} each time it has received that many, counts the messages and
 * sums their numbers, and publishes the totals to {@link Arrivals} once per batch of the benchmark.
 *
 * <p>It implements each library's own subscriber type so that no library wraps it: Reactor's {@link
 * CoreSubscriber} and RxJava's {@link FlowableSubscriber} (a plain Reactive Streams subscriber would
 * be wrapped in a {@code StrictSubscriber}, which serialises every {@code onNext} with two atomic
 * operations), and {@link Flow.Subscriber} for {@code SubmissionPublisher}. Sluice's {@code Receiver}
 * takes any Reactive Streams subscriber as it is.
 *
 * <p>Signals are serial (§1.3), possibly from different threads with a happens-before edge between
 * them, so the running state is in plain fields.
 */
final class CountingSubscriber
        implements CoreSubscriber<NumberedMessage>,
                FlowableSubscriber<NumberedMessage>,
                Flow.Subscriber<NumberedMessage> {

    /** Demand is signalled in batches of this size. */
    static final int REQUEST_BATCH = 256;

    private final Arrivals arrivals;
    private final int reportEvery;

    // Touched only by the (serial) signals.
    private LongConsumer upstream;
    private int untilRequest = REQUEST_BATCH;
    private long untilReport;
    private long count;
    private long sum;

    /** Publishes to {@code arrivals} every {@code reportEvery} messages. */
    CountingSubscriber(Arrivals arrivals, int reportEvery) {
        this.arrivals = arrivals;
        this.reportEvery = reportEvery;
        this.untilReport = reportEvery;
    }

    @Override
    public void onSubscribe(Subscription subscription) {
        start(subscription::request);
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        start(subscription::request);
    }

    private void start(LongConsumer request) {
        if (upstream != null) {
            arrivals.fail(new IllegalStateException("subscribed twice"));
            return;
        }
        upstream = request;
        request.accept(REQUEST_BATCH);
    }

    @Override
    public void onNext(NumberedMessage message) {
        count++;
        sum += message.number;
        if (--untilReport == 0) {
            untilReport = reportEvery;
            arrivals.publish(count, sum);
        }
        if (--untilRequest == 0) {
            untilRequest = REQUEST_BATCH;
            upstream.accept(REQUEST_BATCH); // last: a synchronous source may re-enter onNext from here
        }
    }

    @Override
    public void onError(Throwable cause) {
        arrivals.fail(cause);
    }

    @Override
    public void onComplete() {
        arrivals.end(count, sum);
    }
}
