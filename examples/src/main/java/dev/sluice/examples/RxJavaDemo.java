package dev.sluice.examples;

import dev.sluice.channel.Channel;
import dev.sluice.channel.Sender;
import dev.sluice.examples.TelemetryDemo.Reading;
import dev.sluice.examples.TelemetryDemo.Uplink;
import dev.sluice.rxjava.ChannelFlowable;
import io.reactivex.rxjava3.core.Single;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The main job's shape in RxJava 3: blocking uplink threads (the same {@link Uplink}s as {@link
 * TelemetryDemo}) send into one bounded channel, and {@code ChannelFlowable.from(rx)} feeds an RxJava
 * pipeline that batches with {@code buffer(500)} and writes each batch to a slow store ({@code
 * concatMapSingle}). The uplinks wait when the store falls behind; the summary checks
 * that every reading was stored in order (exit status 1 if not).
 *
 * <pre>
 * mvn -B -q -pl examples -am test-compile exec:java -Dexec.mainClass=dev.sluice.examples.RxJavaDemo
 * </pre>
 */
public final class RxJavaDemo {
    private RxJavaDemo() {}

    public static void main(String[] args) throws InterruptedException {
        System.exit(run(System.out, 3, 20_000, 5));
    }

    static int run(PrintStream out, int producers, int rate, double seconds) throws InterruptedException {
        Channel<Reading> channel = Channel.bounded(1024);
        Ledger ledger = new Ledger(producers, false);
        AtomicLong batches = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();

        long started = System.nanoTime();
        Sender<Reading> tx = channel.sender();
        List<Uplink> uplinks = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < producers; i++) {
            Uplink u = new Uplink(i, tx.clone(), rate, started, started + (long) (seconds * 1e9), failure);
            uplinks.add(u);
            threads.add(new Thread(u, "uplink-" + i));
        }
        tx.close();
        threads.forEach(Thread::start);

        Throwable ended = null;
        try {
            ChannelFlowable.from(channel.receiver())
                    // count-only: RxJava's timed buffer cannot honour backpressure (its timer emits
                    // regardless, MissingBackpressureException), and the channel's completion flushes the
                    // last, partial batch anyway
                    .buffer(500)
                    .concatMapSingle(
                            batch -> Single.timer(10, TimeUnit.MILLISECONDS).map(t -> batch)) // the slow store
                    .doOnNext(batch -> {
                        batch.forEach(reading -> ledger.record(reading.uplink(), reading.seq()));
                        batches.incrementAndGet();
                    })
                    .ignoreElements()
                    .blockingAwait(); // once every uplink closed its sender and the channel is drained
        } catch (RuntimeException e) {
            ended = e;
        }
        for (Thread t : threads) {
            t.join();
        }
        long sent = uplinks.stream().mapToLong(u -> u.sent.get()).sum();
        double waited = uplinks.stream().mapToLong(u -> u.waitedNanos.get()).sum() / 1e9;
        out.printf(
                Locale.ROOT,
                "rxjava: %d readings from %d uplinks; stored %d in %d batches; %d lost, %d duplicated, %d out of order; "
                        + "uplinks waited %.1f s in total for room%n",
                sent,
                producers,
                ledger.received(),
                batches.get(),
                sent - ledger.received(),
                ledger.duplicated(),
                ledger.outOfOrder(),
                waited);
        if (ended != null || failure.get() != null) {
            out.println("FAILED: " + (ended != null ? ended : failure.get()));
            return 1;
        }
        return sent == ledger.received() && ledger.duplicated() == 0 && ledger.outOfOrder() == 0 ? 0 : 1;
    }
}
