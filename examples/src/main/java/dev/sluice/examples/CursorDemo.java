package dev.sluice.examples;

import dev.sluice.reactor.ChannelFlux;
import java.io.PrintStream;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * A blocking, cursor-like source streamed into a reactive consumer: rows are read one by one from a
 * simulated JDBC cursor (a blocking {@code next()}, a {@code close()} that must run), sent into a
 * bounded channel by {@code ChannelFlux.produce}, and consumed by a Reactor pipeline that wants only
 * the first rows ({@code take}). The cancel reaches the producer as a failed {@code send}: it stops
 * reading at once and its try-with-resources closes the cursor. The summary says how many rows the
 * cursor read beyond those taken (at most the channel's capacity and the one in hand) and how soon it
 * was closed; exit status 1 if it read on or was never closed.
 *
 * <pre>
 * mvn -B -q -pl examples -am test-compile exec:java -Dexec.mainClass=dev.sluice.examples.CursorDemo
 * </pre>
 */
public final class CursorDemo {
    static final int CAPACITY = 64;

    private CursorDemo() {}

    /** A stand-in for a JDBC result set over a large table: blocking reads, a close that must run. */
    static final class RowCursor implements Iterator<String>, AutoCloseable {
        private final long rows;
        private final AtomicLong read = new AtomicLong();
        private final AtomicBoolean closed = new AtomicBoolean();
        private final CountDownLatch closedLatch = new CountDownLatch(1);

        RowCursor(long rows) {
            this.rows = rows;
        }

        @Override
        public boolean hasNext() {
            return read.get() < rows;
        }

        @Override
        public String next() {
            long n = read.incrementAndGet();
            return "row-" + n + ",customer-" + (n % 1_000) + "," + (n * 7 % 10_000) / 100.0;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                closedLatch.countDown();
            }
        }
    }

    public static void main(String[] args) throws InterruptedException {
        System.exit(run(System.out, 1_000_000, 1_000));
    }

    static int run(PrintStream out, long tableRows, int wanted) throws InterruptedException {
        RowCursor cursor = new RowCursor(tableRows);
        Flux<String> rows = ChannelFlux.produce(CAPACITY, tx -> {
            try (cursor) { // runs on a virtual thread where the JDK has them
                while (cursor.hasNext()) {
                    tx.send(cursor.next()); // waits while the consumer is behind; fails once it cancelled
                }
            }
        });
        long started = System.nanoTime();
        List<String> taken = rows.publishOn(Schedulers.single())
                .map(line -> line.split(",")[0])
                .take(wanted)
                .collectList()
                .block();
        long cancelledAt = System.nanoTime();
        boolean closed = cursor.closedLatch.await(10, TimeUnit.SECONDS);
        long closedAfterMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cancelledAt);
        long readBeyond = cursor.read.get() - wanted;
        out.printf(
                Locale.ROOT,
                "cursor: took %d of %,d rows in %.1f ms; the cursor read %d rows beyond them (channel capacity %d) "
                        + "and was %s%n",
                taken.size(),
                tableRows,
                (cancelledAt - started) / 1e6,
                readBeyond,
                CAPACITY,
                closed ? "closed " + closedAfterMs + " ms after the cancel" : "NEVER closed");
        boolean ok = closed
                && taken.size() == wanted
                && taken.get(0).equals("row-1")
                && taken.get(wanted - 1).equals("row-" + wanted)
                // the channel, publishOn's prefetch (256) and the row in the producer's hand
                && readBeyond <= CAPACITY + 256 + 1;
        if (!ok) {
            out.println("FAILED: the producer read on after the cancel, or the cursor was not closed");
            return 1;
        }
        return 0;
    }
}
