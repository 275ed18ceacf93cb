package dev.sluice.benchmarks;

import dev.sluice.channel.Channel;
import dev.sluice.channel.Receiver;
import dev.sluice.channel.Sender;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Sluice beside jox, both on virtual threads, in jox's own harness (its {@code BufferedBenchmark},
 * {@code RendezvousBenchmark} and {@code ParallelBenchmark}, re-expressed here): every invocation
 * starts fresh virtual threads, which send and receive with blocking calls, and joins them.
 *
 * <ul>
 *   <li>{@code sluice} / {@code joxChannel}: one producer and one consumer virtual thread move {@value
 *       #PAIR_MESSAGES} messages through one channel of {@code capacity} 0 (rendezvous), 16 or 100.
 *   <li>{@code sluiceParallel} / {@code joxParallel}: {@value #PAIRS} such pairs at once, each on its
 *       own channel of capacity 16, {@value #PARALLEL_MESSAGES} messages in all.
 * </ul>
 *
 * <p>The score is messages per µs. Each consumer counts what it received, and the invocation fails
 * unless every message arrived.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class VirtualThreadJdk21Benchmark {
    static final int PAIR_MESSAGES = 1_000_000;
    static final int PAIRS = 10_000;
    static final int PARALLEL_MESSAGES = 10_000_000;
    private static final Message MESSAGE = new Message();

    /** The capacity of the one-pair cases. */
    @State(Scope.Benchmark)
    public static class Pair {
        @Param({"0", "16", "100"})
        int capacity;
    }

    /** The capacity of the parallel cases. */
    @State(Scope.Benchmark)
    public static class Parallel {
        @Param({"16"})
        int capacity;
    }

    /** A blocking channel, as the two libraries spell it. */
    interface Ends {
        void send(Message m) throws InterruptedException;

        Message receive() throws InterruptedException;

        /** After the run: a Sluice channel's handles are closed, as its users close them; jox has none. */
        default void close() {}
    }

    static Ends sluice(int capacity) {
        Channel<Message> ch = Channel.bounded(capacity);
        Sender<Message> tx = ch.sender();
        Receiver<Message> rx = ch.receiver();
        return new Ends() {
            @Override
            public void send(Message m) throws InterruptedException {
                tx.send(m);
            }

            @Override
            public Message receive() throws InterruptedException {
                return rx.recv();
            }

            @Override
            public void close() {
                tx.close();
                rx.close();
            }
        };
    }

    static Ends jox(int capacity) {
        com.softwaremill.jox.Channel<Message> ch = capacity == 0
                ? com.softwaremill.jox.Channel.newRendezvousChannel()
                : com.softwaremill.jox.Channel.newBufferedChannel(capacity);
        return new Ends() {
            @Override
            public void send(Message m) throws InterruptedException {
                ch.send(m);
            }

            @Override
            public Message receive() throws InterruptedException {
                return ch.receive();
            }
        };
    }

    @Benchmark
    @OperationsPerInvocation(PAIR_MESSAGES)
    public void sluice(Pair pair) throws Exception {
        run(List.of(sluice(pair.capacity)), PAIR_MESSAGES);
    }

    @Benchmark
    @OperationsPerInvocation(PAIR_MESSAGES)
    public void joxChannel(Pair pair) throws Exception {
        run(List.of(jox(pair.capacity)), PAIR_MESSAGES);
    }

    @Benchmark
    @OperationsPerInvocation(PARALLEL_MESSAGES)
    public void sluiceParallel(Parallel parallel) throws Exception {
        List<Ends> channels = new ArrayList<>(PAIRS);
        for (int i = 0; i < PAIRS; i++) {
            channels.add(sluice(parallel.capacity));
        }
        run(channels, PARALLEL_MESSAGES / PAIRS);
    }

    @Benchmark
    @OperationsPerInvocation(PARALLEL_MESSAGES)
    public void joxParallel(Parallel parallel) throws Exception {
        List<Ends> channels = new ArrayList<>(PAIRS);
        for (int i = 0; i < PAIRS; i++) {
            channels.add(jox(parallel.capacity));
        }
        run(channels, PARALLEL_MESSAGES / PAIRS);
    }

    /** One producer and one consumer virtual thread per channel, {@code each} messages through it. */
    private static void run(List<Ends> channels, int each) throws Exception {
        AtomicLong received = new AtomicLong();
        List<Thread> threads = new ArrayList<>(channels.size() * 2);
        for (Ends ch : channels) {
            threads.add(Thread.startVirtualThread(() -> {
                try {
                    for (int i = 0; i < each; i++) {
                        ch.send(MESSAGE);
                    }
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }));
            threads.add(Thread.startVirtualThread(() -> {
                long n = 0;
                try {
                    for (int i = 0; i < each; i++) {
                        if (ch.receive() == MESSAGE) {
                            n++;
                        }
                    }
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                received.addAndGet(n);
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        channels.forEach(Ends::close);
        long expected = (long) each * channels.size();
        if (received.get() != expected) {
            throw new IllegalStateException("received " + received.get() + " of " + expected + " messages");
        }
    }
}
