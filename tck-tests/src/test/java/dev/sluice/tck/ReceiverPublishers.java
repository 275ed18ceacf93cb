package dev.sluice.tck;

import dev.sluice.channel.Channel;
import dev.sluice.channel.ChannelClosedException;
import dev.sluice.channel.Receiver;
import dev.sluice.channel.Sender;
import dev.sluice.channel.testing.ChannelFlavor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The publishers under test in the publisher verifications: a receiver handle fed by producer
 * threads.
 *
 * <p>{@link #finite} starts daemon producer threads that send {@code 0, 1, 2, ...} (lazily: a
 * bounded channel makes them wait for the subscriber's demand, rule R1) and then close their sender
 * handles, so the subscriber sees {@code onComplete} once every sender is closed and everything is
 * delivered (rule R3). When the subscriber cancels, the subscription closes the receiver handle, the
 * last one (rule R2), so a producer's waiting {@code send} throws {@link ChannelClosedException}: the
 * producer catches it and exits. {@link #endOfTest} checks that after every test (see {@link
 * ProducerLeaks}).
 */
final class ReceiverPublishers {
    private ReceiverPublishers() {}

    /** An unbounded channel never makes its producer wait: keep at most this many buffered. */
    private static final int UNBOUNDED_BACKLOG = 1024;

    /** Running producers, with the receiver they feed. */
    private static final Map<Thread, Receiver<Integer>> LIVE = new ConcurrentHashMap<>();

    private static final AtomicInteger COUNT = new AtomicInteger();

    /**
     * A receiver that publishes {@code elements} elements, then completes. Flavors with many
     * producers get two producer threads, each with its own sender handle (the channel's first one
     * and a clone) and half of the elements, so completion really waits for every sender to close.
     */
    static Receiver<Integer> finite(ChannelFlavor flavor, long elements) {
        Channel<Integer> ch = flavor.create(Tck.capacity(flavor));
        Sender<Integer> tx = ch.sender();
        Receiver<Integer> rx = ch.receiver();
        if (elements == 0) {
            tx.close(); // the only sender: the stream is empty and complete
            return rx;
        }
        boolean throttle = flavor == ChannelFlavor.UNBOUNDED;
        if (!flavor.singleProducer()) {
            long half = elements / 2;
            start(flavor, rx, tx.clone(), half, elements, throttle); // cloned before the first can close
            start(flavor, rx, tx, 0, half, throttle);
        } else {
            start(flavor, rx, tx, 0, elements, throttle);
        }
        return rx;
    }

    private static void start(
            ChannelFlavor flavor, Receiver<Integer> rx, Sender<Integer> tx, long from, long to, boolean throttle) {
        Thread producer = new Thread(
                () -> produce(tx, from, to, throttle), "tck-producer-" + flavor + "-" + COUNT.incrementAndGet());
        producer.setDaemon(true);
        LIVE.put(producer, rx);
        producer.start();
    }

    /** A receiver of a channel failed with a cause: a subscriber gets onSubscribe, then onError. */
    static Receiver<Integer> failed(ChannelFlavor flavor) {
        Channel<Integer> ch = flavor.create(Tck.capacity(flavor));
        ch.sender().fail(new RuntimeException("TCK: a channel failed before anyone subscribed"));
        return ch.receiver();
    }

    /** Sends {@code from, from + 1, ..., to - 1}, then closes its sender handle. */
    private static void produce(Sender<Integer> tx, long from, long to, boolean throttle) {
        try (tx) {
            for (long i = from; i < to; i++) {
                if (throttle) {
                    // Only to bound memory: an unbounded channel would take elements as fast as
                    // this loop makes them. Stops waiting once the channel is closed.
                    while (tx.size() >= UNBOUNDED_BACKLOG && !tx.isClosed()) {
                        LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(50));
                    }
                }
                tx.send((int) i); // waits while the channel is full
            }
        } catch (ChannelClosedException subscriberLeft) {
            // the subscription was cancelled and closed the last receiver: stop producing
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } finally {
            LIVE.remove(Thread.currentThread());
        }
    }

    /** What {@link #endOfTest} found. */
    record Leftovers(List<String> leaked, List<String> abandoned) {}

    /**
     * Called after every test: waits up to {@code millis} for the producers whose receiver handle is
     * closed (the subscription was cancelled or terminated) to end. A producer whose receiver is
     * still open is waiting for demand from a subscription the test abandoned without cancelling,
     * which is correct (rule R1): it is <em>abandoned</em>, and its receiver is closed now. Then every
     * producer must end within {@code millis}; one that does not is <em>leaked</em>.
     */
    static Leftovers endOfTest(long millis) throws InterruptedException {
        awaitProducers(millis, true);
        List<String> abandoned = new ArrayList<>();
        List<Receiver<Integer>> toClose = new ArrayList<>();
        LIVE.forEach((producer, rx) -> {
            if (!rx.isHandleClosed()) {
                abandoned.add(producer.getName());
                toClose.add(rx);
            }
        });
        toClose.forEach(Receiver::close); // the producers' sends must now throw ChannelClosedException
        awaitProducers(millis, false);
        List<String> leaked = new ArrayList<>();
        for (Thread t : LIVE.keySet()) {
            leaked.add(describe(t) + (abandoned.contains(t.getName()) ? ", its receiver closed by the check" : ""));
        }
        LIVE.clear(); // report each producer once
        return new Leftovers(leaked, abandoned);
    }

    /** Waits for every producer to end, or (if {@code onlyClosed}) every one whose receiver is closed. */
    private static void awaitProducers(long millis, boolean onlyClosed) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        for (Map.Entry<Thread, Receiver<Integer>> live : LIVE.entrySet()) {
            if (onlyClosed && !live.getValue().isHandleClosed()) {
                continue;
            }
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                return;
            }
            live.getKey().join(left); // a producer removes itself from LIVE as it ends
        }
    }

    private static String describe(Thread t) {
        StackTraceElement[] st = t.getStackTrace();
        return t.getName() + " (" + t.getState() + (st.length > 0 ? " at " + st[0] : "") + ")";
    }
}
