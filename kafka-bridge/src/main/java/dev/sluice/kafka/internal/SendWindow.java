package dev.sluice.kafka.internal;

import dev.sluice.channel.ChannelClosedException;
import dev.sluice.channel.Receiver;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;

/**
 * The engine of a {@code KafkaSink} (K4): at most {@code maxInFlight} sends unacknowledged, the first
 * failure kept and reported, the end only once every send was acknowledged. One use: as a
 * Reactive Streams subscriber ({@link #onSubscribe} ... {@link #onComplete}) or as a blocking drain
 * of a receiver ({@link #drain}).
 *
 * <p><b>Subscriber.</b> Demand is the free in-flight slots: {@code maxInFlight} at first, then one per
 * acknowledgement. Acknowledgements arrive on the producer's network thread, where an upstream that
 * emits inside {@code request} would call {@code send}, which may block on that very thread (waiting
 * for metadata or buffer space). So the freed slots are counted there and requested from an offloaded
 * drain, one at a time ({@code wip}), which coalesces the acknowledgements that came meanwhile.
 *
 * <p><b>The end.</b> {@code pending} counts the upstream (1 until it completes) plus the sends in
 * flight; whoever brings it to zero finishes: the producer is closed if the sink owns it, and {@link
 * #done} completes. The first failure fails {@code done} at once: a send's failure or a protocol
 * breach also cancels the upstream (an upstream's own error needs no cancel, §2.3); later
 * acknowledgements change nothing.
 */
public final class SendWindow<K, V> {
    private final Producer<K, V> producer;
    private final boolean ownsProducer;
    private final int maxInFlight;
    private final AtomicBoolean used = new AtomicBoolean();
    private final AtomicInteger pending = new AtomicInteger(1);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong freed = new AtomicLong();
    private final AtomicInteger wip = new AtomicInteger();
    private final AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final Callback onAck = this::acknowledged;
    private volatile @Nullable Subscription upstream;

    public SendWindow(Producer<K, V> producer, boolean ownsProducer, int maxInFlight) {
        this.producer = producer;
        this.ownsProducer = ownsProducer;
        this.maxInFlight = maxInFlight;
    }

    // ---- as a subscriber -------------------------------------------------------------------

    public void onSubscribe(Subscription s) {
        Objects.requireNonNull(s, "subscription is null"); // §2.13
        if (upstream != null || !used.compareAndSet(false, true)) {
            s.cancel(); // §2.5: one upstream, one use
            return;
        }
        upstream = s;
        s.request(maxInFlight);
    }

    public void onNext(ProducerRecord<K, V> record) {
        Objects.requireNonNull(record, "record is null"); // §2.13
        if (failure.get() != null) {
            return; // cancelled; §2.8 allows a few more signals
        }
        if (inFlight.incrementAndGet() > maxInFlight) {
            inFlight.decrementAndGet();
            fail(new IllegalStateException(
                    "the upstream sent more records than the " + maxInFlight + " it was asked for (§1.1)"));
            return;
        }
        send(record);
    }

    public void onError(Throwable cause) {
        Objects.requireNonNull(cause, "cause is null"); // §2.13
        upstream = null; // §2.3: a terminated upstream is not called again, not even to cancel
        fail(cause);
    }

    public void onComplete() {
        upstream = null; // nothing more to ask of it (§2.3, §3.6)
        // completion flushes: the last records go out now rather than after linger.ms
        Offload.run(() -> {
            try {
                producer.flush();
            } catch (RuntimeException e) {
                fail(e);
            }
            settle();
        });
    }

    private void send(ProducerRecord<K, V> record) {
        pending.incrementAndGet();
        try {
            producer.send(record, onAck);
        } catch (RuntimeException e) { // serialization, a closed producer, metadata timeout
            inFlight.decrementAndGet();
            fail(e);
            settle();
        }
    }

    /** A send's acknowledgement; on the producer's network thread. */
    private void acknowledged(@Nullable Object metadata, @Nullable Exception error) {
        inFlight.decrementAndGet();
        if (error != null) {
            fail(error);
        } else {
            acknowledged.incrementAndGet();
            if (upstream != null) {
                freed.incrementAndGet();
                if (wip.getAndIncrement() == 0) {
                    Offload.run(this::requestFreed);
                }
            }
        }
        settle();
    }

    /** Requests the slots freed so far; one run at a time, coalescing acknowledgements. */
    private void requestFreed() {
        int missed = 1;
        do {
            long n = freed.getAndSet(0);
            Subscription s = upstream;
            if (n > 0 && s != null && failure.get() == null) {
                s.request(n);
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    private void fail(Throwable cause) {
        if (!failure.compareAndSet(null, cause)) {
            return;
        }
        Subscription s = upstream;
        if (s != null) {
            s.cancel();
        }
        Offload.run(() -> {
            closeProducer();
            done.completeExceptionally(cause);
        });
    }

    private void settle() {
        if (pending.decrementAndGet() == 0 && failure.get() == null) {
            Offload.run(() -> {
                closeProducer();
                done.complete(null);
            });
        }
    }

    private void closeProducer() {
        if (ownsProducer) {
            try {
                producer.close();
            } catch (RuntimeException ignored) {
                // the outcome is already decided by the acknowledgements
            }
        }
    }

    // ---- as a blocking drain ------------------------------------------------------------------

    /**
     * Sends everything {@code rx} receives until its channel ends, at most {@code maxInFlight}
     * unacknowledged, then waits for the last acknowledgement.
     *
     * @return the number of records acknowledged
     * @throws KafkaException if a send failed (the cause); {@code rx} is then closed, so its producers
     *     learn that nobody receives any more
     * @throws ChannelClosedException if the channel was failed (its cause), after the in-flight sends
     *     were acknowledged
     */
    public long drain(Receiver<? extends ProducerRecord<K, V>> rx) throws InterruptedException {
        Objects.requireNonNull(rx, "rx is null");
        if (!used.compareAndSet(false, true)) {
            throw new IllegalStateException("this KafkaSink was already used; create one per stream");
        }
        Semaphore slots = new Semaphore(maxInFlight);
        Callback onAck = (metadata, error) -> {
            if (error != null) {
                failure.compareAndSet(null, error);
            } else {
                acknowledged.incrementAndGet();
            }
            inFlight.decrementAndGet();
            slots.release();
        };
        ChannelClosedException upstreamFailure = null;
        try {
            while (failure.get() == null) {
                ProducerRecord<K, V> record;
                try {
                    record = rx.recv();
                } catch (ChannelClosedException closed) {
                    upstreamFailure = closed.getCause() != null ? closed : null;
                    break;
                }
                slots.acquire();
                inFlight.incrementAndGet();
                try {
                    producer.send(record, onAck);
                } catch (RuntimeException e) {
                    inFlight.decrementAndGet();
                    slots.release();
                    failure.compareAndSet(null, e);
                }
            }
            producer.flush();
            slots.acquire(maxInFlight); // every acknowledgement is in
        } finally {
            rx.close();
            closeProducer();
        }
        Throwable f = failure.get();
        if (f != null) {
            done.completeExceptionally(f);
            throw new KafkaException("a send to Kafka failed after " + acknowledged.get() + " acknowledged", f);
        }
        if (upstreamFailure != null) {
            done.completeExceptionally(upstreamFailure);
            throw upstreamFailure;
        }
        done.complete(null);
        return acknowledged.get();
    }

    // ---- introspection -----------------------------------------------------------------------

    public CompletableFuture<Void> done() {
        return done;
    }

    public long acknowledged() {
        return acknowledged.get();
    }

    public int inFlight() {
        return inFlight.get();
    }

    public int maxInFlight() {
        return maxInFlight;
    }
}
