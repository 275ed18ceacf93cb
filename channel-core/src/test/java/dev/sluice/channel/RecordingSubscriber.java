package dev.sluice.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.channel.testing.TestThreads;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * A Reactive Streams subscriber for tests: it records every signal and checks, as they arrive, the
 * rules a publisher owes it — §1.9 ({@code onSubscribe} first, once), §1.1 (no {@code onNext}
 * beyond what was requested), §1.3 (signals never overlap) and §1.7 (nothing after {@code
 * onComplete}/{@code onError}). A broken rule is noted, not thrown (a throw would land in the
 * publisher's drain loop); {@link #assertNoViolations()} reports it.
 *
 * <p>Demand is asked for through {@link #request(long)}, which counts it, so the §1.1 check knows
 * what was asked. An optional action runs inside every {@code onNext}, after recording the element
 * (to request more from inside {@code onNext}, for example).
 *
 * @param <T> the element type
 */
final class RecordingSubscriber<T> implements Subscriber<T> {
    private final long initialRequest;
    private final List<T> values = Collections.synchronizedList(new ArrayList<>());
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong requested = new AtomicLong();
    private final AtomicInteger subscribes = new AtomicInteger();
    private final AtomicInteger completions = new AtomicInteger();
    private final AtomicInteger errors = new AtomicInteger();
    private final AtomicInteger inSignal = new AtomicInteger();
    private final AtomicInteger maxNesting = new AtomicInteger();
    private final CountDownLatch subscribed = new CountDownLatch(1);
    private final CountDownLatch terminated = new CountDownLatch(1);
    private volatile Subscription subscription;
    private volatile Throwable error;
    private volatile long delivered;
    private volatile Consumer<? super T> onNextAction = value -> {};

    /** A subscriber that requests {@code initialRequest} from inside {@code onSubscribe} (0: none). */
    RecordingSubscriber(long initialRequest) {
        this.initialRequest = initialRequest;
    }

    /** A subscriber that requests nothing until told to. */
    RecordingSubscriber() {
        this(0);
    }

    /** Runs {@code action} inside every {@code onNext}, after the element is recorded. */
    RecordingSubscriber<T> doOnNext(Consumer<? super T> action) {
        this.onNextAction = action;
        return this;
    }

    // ---- Subscriber ---------------------------------------------------------------------------

    @Override
    public void onSubscribe(Subscription s) {
        enter("onSubscribe");
        try {
            if (s == null) {
                violation("onSubscribe(null)");
            }
            if (subscribes.incrementAndGet() != 1) {
                violation("onSubscribe called " + subscribes.get() + " times (§2.5/§1.9)");
                return;
            }
            subscription = s;
            subscribed.countDown();
            if (initialRequest > 0) {
                request(initialRequest);
            }
        } finally {
            exit();
        }
    }

    @Override
    public void onNext(T value) {
        enter("onNext");
        try {
            checkActive("onNext(" + value + ")");
            if (value == null) {
                violation("onNext(null) (§2.13)");
            }
            long n = delivered + 1; // written only here, and signals are serial (checked by enter)
            delivered = n;
            if (n > requested.get()) {
                violation("onNext #" + n + " (" + value + ") beyond the " + requested.get() + " requested (§1.1)");
            }
            values.add(value);
            onNextAction.accept(value);
        } finally {
            exit();
        }
    }

    @Override
    public void onError(Throwable t) {
        enter("onError");
        try {
            checkActive("onError(" + t + ")");
            if (t == null) {
                violation("onError(null) (§2.13)");
            }
            error = t;
            errors.incrementAndGet();
            terminated.countDown();
        } finally {
            exit();
        }
    }

    @Override
    public void onComplete() {
        enter("onComplete");
        try {
            checkActive("onComplete");
            completions.incrementAndGet();
            terminated.countDown();
        } finally {
            exit();
        }
    }

    private void enter(String signal) {
        int depth = inSignal.incrementAndGet();
        maxNesting.accumulateAndGet(depth, Math::max);
        if (depth > 1) {
            violation(signal + " overlaps another signal: nested or concurrent (§1.3, §3.3)");
        }
    }

    private void exit() {
        inSignal.decrementAndGet();
    }

    private void checkActive(String signal) {
        if (subscribes.get() == 0) {
            violation(signal + " before onSubscribe (§1.9)");
        }
        if (isTerminated()) {
            violation(signal + " after a terminal signal (§1.7)");
        }
    }

    private void violation(String what) {
        violations.add(what);
    }

    // ---- driving ------------------------------------------------------------------------------

    /** Requests {@code n} through the subscription, counting positive demand for the §1.1 check. */
    void request(long n) {
        if (n > 0) {
            requested.accumulateAndGet(n, (r, add) -> r + add < 0 ? Long.MAX_VALUE : r + add);
        }
        subscription().request(n);
    }

    void cancel() {
        subscription().cancel();
    }

    Subscription subscription() {
        Subscription s = subscription;
        assertThat(s).as("onSubscribe was called").isNotNull();
        return s;
    }

    // ---- observing ----------------------------------------------------------------------------

    /** A snapshot of the elements received so far, in order. */
    List<T> values() {
        synchronized (values) {
            return new ArrayList<>(values);
        }
    }

    int valueCount() {
        return values.size();
    }

    int completions() {
        return completions.get();
    }

    int errors() {
        return errors.get();
    }

    Throwable error() {
        return error;
    }

    boolean isSubscribed() {
        return subscribed.getCount() == 0;
    }

    boolean isTerminated() {
        return terminated.getCount() == 0;
    }

    /** The deepest nesting of signals seen: 1 unless a signal was delivered inside another. */
    int maxNesting() {
        return maxNesting.get();
    }

    /** Waits (up to the guard) for {@code onComplete} or {@code onError}. */
    RecordingSubscriber<T> awaitTerminated() {
        TestThreads.awaitOpen(
                terminated, "the subscriber got onComplete or onError (it has " + valueCount() + " elements)");
        return this;
    }

    /** Waits (up to the guard) until at least {@code count} elements arrived. */
    RecordingSubscriber<T> awaitValues(int count) {
        TestThreads.awaitTrue(() -> valueCount() >= count, "the subscriber has " + count + " elements");
        return this;
    }

    /** No rule of the Reactive Streams specification was broken toward this subscriber. */
    RecordingSubscriber<T> assertNoViolations() {
        assertThat(violations()).as("signals that broke a rule").isEmpty();
        return this;
    }

    private List<String> violations() {
        synchronized (violations) {
            return new ArrayList<>(violations);
        }
    }

    /** Completed exactly once, without an error, and without breaking a rule. */
    RecordingSubscriber<T> assertCompletedOnce() {
        assertThat(error).as("onError").isNull();
        assertThat(completions()).as("onComplete calls").isEqualTo(1);
        return assertNoViolations();
    }

    /** Got exactly one {@code onError}, no {@code onComplete}, and no rule was broken. */
    RecordingSubscriber<T> assertFailedOnce() {
        assertThat(errors()).as("onError calls").isEqualTo(1);
        assertThat(completions()).as("onComplete calls").isZero();
        return assertNoViolations();
    }

    /** Neither completed nor failed (yet). */
    RecordingSubscriber<T> assertNotTerminated() {
        assertThat(completions()).as("onComplete calls").isZero();
        assertThat(error).as("onError").isNull();
        return this;
    }
}
