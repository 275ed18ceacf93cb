package dev.sluice.examples;

import dev.sluice.channel.Channel;
import dev.sluice.channel.Overflow;
import dev.sluice.channel.SendStatus;
import dev.sluice.channel.Sender;
import dev.sluice.reactor.ChannelFlux;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import reactor.core.publisher.Mono;

/**
 * The main job: backpressured event aggregation. Several blocking "uplink" threads, each with its own
 * cloned {@link Sender}, send telemetry readings into one bounded channel; a Reactor pipeline on the
 * receiver ({@code ChannelFlux.from(rx)}) batches them with {@code bufferTimeout} and writes each batch
 * to a store that is slower than the uplinks. When the store falls behind, the channel fills and the
 * uplinks' {@code send} waits: that wait is the backpressure, measured and shown. With {@code
 * --drop-oldest} the channel drops its oldest reading instead and counts it, as a telemetry aggregator
 * that prefers fresh data does.
 *
 * <p>A live progress line (redrawn in place on a terminal, periodic lines otherwise), then a summary;
 * when the uplinks close their senders the pipeline completes after the drain. Exit status 1 if a
 * reading was lost, duplicated or reordered (every reading sent is stored, or counted as dropped), 2 on
 * bad options.
 *
 * <pre>
 * mvn -B -q -pl examples -am test-compile exec:java
 * mvn -B -q -pl examples -am test-compile exec:java -Dexec.args="--producers 8 --duration 20 --drop-oldest"
 * </pre>
 */
@Command(
        name = "TelemetryDemo",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description =
                "Blocking uplink threads -> one bounded channel -> ChannelFlux.from(rx).bufferTimeout -> a slow store.")
public final class TelemetryDemo implements Callable<Integer> {
    @Option(names = "--producers", defaultValue = "4", description = "uplink threads (default: ${DEFAULT-VALUE})")
    int producers;

    @Option(
            names = "--capacity",
            defaultValue = "1024",
            description = "the channel's capacity (default: ${DEFAULT-VALUE})")
    int capacity;

    @Option(
            names = "--rate",
            defaultValue = "25000",
            description = "readings per second per uplink; 0 = as fast as it can (default: ${DEFAULT-VALUE})")
    int rate;

    @Option(
            names = "--duration",
            defaultValue = "10",
            description = "seconds the uplinks send for (default: ${DEFAULT-VALUE})")
    double duration;

    @Option(
            names = "--batch",
            defaultValue = "500",
            description = "readings per stored batch at most (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(
            names = "--store-ms",
            defaultValue = "10",
            description = "milliseconds the store takes per batch (default: ${DEFAULT-VALUE})")
    int storeMs;

    @Option(
            names = "--drop-oldest",
            description = "when full, drop the oldest reading instead of making the uplink wait")
    boolean dropOldest;

    @Spec
    CommandSpec spec;

    private final PrintStream out;
    private final boolean terminal;

    TelemetryDemo(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, ProgressLine.stdoutIsTerminal()));
    }

    /** Parses {@code args}, runs the demo and returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err, boolean terminal) {
        CommandLine cmd = new CommandLine(new TelemetryDemo(out, terminal));
        cmd.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cmd.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        return cmd.execute(args);
    }

    /** One reading: which uplink sent it, its sequence number there, and a measurement. */
    record Reading(int uplink, long seq, double value) {}

    @Override
    public Integer call() throws InterruptedException {
        check(producers >= 1, "--producers must be at least 1");
        check(
                capacity >= 1 && capacity <= Channel.MAX_CAPACITY,
                "--capacity must be between 1 and " + Channel.MAX_CAPACITY);
        check(rate >= 0, "--rate must not be negative");
        check(duration > 0, "--duration must be positive");
        check(batch >= 1, "--batch must be at least 1");
        check(storeMs >= 0, "--store-ms must not be negative");

        LongAdder dropped = new LongAdder();
        Channel<Reading> channel = dropOldest
                ? Channel.<Reading>builder()
                        .capacity(capacity)
                        .overflow(Overflow.DROP_OLDEST)
                        .onUndeliveredElement(r -> dropped.increment())
                        .build()
                : Channel.bounded(capacity);
        out.printf(
                Locale.ROOT,
                "%d uplinks (%s/s each, %.0f s) -> Channel.bounded(%d)%s -> bufferTimeout(%d, 100 ms) -> store (%d ms per batch)%n",
                producers,
                rate == 0 ? "unpaced" : String.format(Locale.ROOT, "%,d", rate),
                duration,
                capacity,
                dropOldest ? ", DROP_OLDEST" : "",
                batch,
                storeMs);

        Ledger ledger = new Ledger(producers, dropOldest);
        AtomicLong batches = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Mono<Void> stored = ChannelFlux.from(channel.receiver())
                .bufferTimeout(batch, Duration.ofMillis(100))
                .concatMap(b -> Mono.delay(Duration.ofMillis(storeMs)).thenReturn(b)) // the slow store
                .doOnNext(b -> {
                    b.forEach(r -> ledger.record(r.uplink(), r.seq()));
                    batches.incrementAndGet();
                })
                .then();

        long started = System.nanoTime();
        long endAt = started + (long) (duration * 1e9);
        Sender<Reading> tx = channel.sender();
        List<Uplink> uplinks = new ArrayList<>();
        for (int i = 0; i < producers; i++) {
            uplinks.add(new Uplink(i, tx.clone(), rate, started, endAt, failure));
        }
        tx.close(); // from here on the uplinks' own handles keep the channel open
        List<Thread> threads = new ArrayList<>();
        for (Uplink u : uplinks) {
            Thread t = new Thread(u, "uplink-" + u.id);
            threads.add(t);
            t.start();
        }

        try (ProgressLine progress = new ProgressLine(
                out,
                terminal,
                200,
                1_000,
                () -> String.format(
                        Locale.ROOT,
                        "%5.1f s | sent %,10d (%,8.0f/s) | stored %,10d | channel %5d/%d | batches %,7d | uplinks waited %,6.1f s | dropped %,d",
                        seconds(started),
                        sent(uplinks),
                        sent(uplinks) / seconds(started),
                        ledger.received(),
                        channel.size(),
                        capacity,
                        batches.get(),
                        waitedNanos(uplinks) / 1e9,
                        dropped.sum()))) {
            stored.block(); // completes once every uplink closed its sender and the channel is drained
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        }
        for (Thread t : threads) {
            t.join();
        }
        double took = seconds(started);
        long sent = sent(uplinks);
        long lost = sent - ledger.received() - dropped.sum();
        out.printf(
                Locale.ROOT,
                "telemetry: %d readings from %d uplinks in %.1f s (%,.0f/s); stored %d in %d batches; "
                        + "%d lost, %d duplicated, %d out of order; uplinks waited %.1f s in total for room; %d dropped%n",
                sent,
                producers,
                took,
                sent / took,
                ledger.received(),
                batches.get(),
                lost,
                ledger.duplicated(),
                ledger.outOfOrder(),
                waitedNanos(uplinks) / 1e9,
                dropped.sum());
        if (failure.get() != null) {
            spec.commandLine().getErr().println("FAILED: " + failure.get());
            return 1;
        }
        if (lost != 0 || ledger.duplicated() != 0 || ledger.outOfOrder() != 0) {
            spec.commandLine().getErr().println("FAILED: readings lost, duplicated or out of order");
            return 1;
        }
        return 0;
    }

    private void check(boolean ok, String message) {
        if (!ok) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }

    private static long sent(List<Uplink> uplinks) {
        return uplinks.stream().mapToLong(u -> u.sent.get()).sum();
    }

    private static long waitedNanos(List<Uplink> uplinks) {
        return uplinks.stream().mapToLong(u -> u.waitedNanos.get()).sum();
    }

    private static double seconds(long since) {
        return Math.max(1e-3, (System.nanoTime() - since) / 1e9);
    }

    /**
     * A blocking producer: sends readings on its schedule ({@code rate} per second) until the end,
     * then closes its sender. {@code trySend} first; only when the channel is full does it call the
     * blocking {@code send}, and the time spent there is the backpressure it felt.
     */
    static final class Uplink implements Runnable {
        final int id;
        private final Sender<Reading> tx;
        private final int rate;
        private final long startedAt;
        private final long endAt;
        private final AtomicReference<Throwable> failure;
        final AtomicLong sent = new AtomicLong();
        final AtomicLong waitedNanos = new AtomicLong();

        Uplink(int id, Sender<Reading> tx, int rate, long startedAt, long endAt, AtomicReference<Throwable> failure) {
            this.id = id;
            this.tx = tx;
            this.rate = rate;
            this.startedAt = startedAt;
            this.endAt = endAt;
            this.failure = failure;
        }

        @Override
        public void run() {
            try (tx) { // the last uplink to close ends the pipeline, after the drain
                for (long seq = 0; ; seq++) {
                    long now = System.nanoTime();
                    if (now - endAt >= 0) {
                        return;
                    }
                    if (rate > 0) {
                        long due = startedAt + seq * 1_000_000_000L / rate;
                        if (due - now > 0) {
                            LockSupport.parkNanos(due - now); // pacing, not synchronisation
                        }
                    }
                    Reading r = new Reading(id, seq, Math.sin(seq / 100.0));
                    if (tx.trySend(r) == SendStatus.FULL) {
                        long waitStart = System.nanoTime();
                        tx.send(r);
                        waitedNanos.addAndGet(System.nanoTime() - waitStart);
                    }
                    sent.incrementAndGet();
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        }
    }
}
