package dev.sluice.benchmarks;

import dev.sluice.channel.Channel;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Unbounded queues: senders never wait, {@value #MESSAGES} preallocated messages per invocation in
 * each {@link Shape} ({@code seq} sends all of them, then receives all, as crossbeam's suite does).
 * The score is messages per µs. Sluice beside its anchors:
 *
 * <ul>
 *   <li>{@code sluice}: {@code Channel.unbounded()}, {@code send} / blocking {@code recv}, one cloned
 *       handle per thread;
 *   <li>{@code linkedBlockingQueue} (unbounded) and {@code linkedTransferQueue}: {@code put} / {@code
 *       take};
 *   <li>{@code kotlinChannel}: {@code Channel(UNLIMITED)} with coroutines on {@code
 *       Dispatchers.Default};
 *   <li>{@code joxChannel} (JDK 21+, in {@code UnboundedJdk21Benchmark}).
 * </ul>
 *
 * <p>Every invocation checks that the digests received add up to the digests sent ({@link Traffic}).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class UnboundedBenchmark {

    /** Messages per invocation: divisible by {@link Shape#THREADS}. */
    static final int MESSAGES = 100_000;

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void sluice(SluiceUnbounded traffic) throws Exception {
        traffic.run();
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void linkedBlockingQueue(LinkedBlockingQueueTraffic traffic) throws Exception {
        traffic.run();
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void linkedTransferQueue(LinkedTransferQueueTraffic traffic) throws Exception {
        traffic.run();
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void kotlinChannel(KotlinTraffic traffic) throws Exception {
        traffic.run();
    }

    /** The parameters of every case of the family, and the setup they share. */
    @State(Scope.Benchmark)
    public abstract static class Case extends Traffic {
        @Param({"seq", "spsc", "mpsc", "mpmc"})
        public String shape;

        @Setup(Level.Trial)
        public final void setUp() throws Exception {
            prepare(MESSAGES, Shape.of(shape), MESSAGES);
            open();
        }

        /** Builds the queue under test and starts the traffic. */
        abstract void open() throws Exception;

        /** The workers: platform threads named after the benchmark. */
        ThreadFactory threads(String name) {
            return Crew.platformThreads("unbounded-" + name);
        }
    }

    @State(Scope.Benchmark)
    public static class SluiceUnbounded extends Case {
        private SluiceEnds ends;

        @Override
        void open() {
            ends = new SluiceEnds(Channel.unbounded(), shape());
            startThreads(ends::send, ends::recv, threads("sluice"));
        }

        @Override
        void release() {
            ends.close();
        }
    }

    @State(Scope.Benchmark)
    public static class LinkedBlockingQueueTraffic extends Case {
        @Override
        void open() {
            LinkedBlockingQueue<DigestedMessage> queue = new LinkedBlockingQueue<>();
            startThreads(p -> queue::put, c -> queue::take, threads("linkedBlockingQueue"));
        }
    }

    @State(Scope.Benchmark)
    public static class LinkedTransferQueueTraffic extends Case {
        @Override
        void open() {
            LinkedTransferQueue<DigestedMessage> queue = new LinkedTransferQueue<>();
            startThreads(p -> queue::put, c -> queue::take, threads("linkedTransferQueue"));
        }
    }

    @State(Scope.Benchmark)
    public static class KotlinTraffic extends Case {
        private kotlinx.coroutines.channels.Channel<DigestedMessage> channel;

        @Override
        void open() {
            channel = KotlinChannels.unlimitedChannel();
        }

        @Override
        long move() {
            return shape() == Shape.SEQ
                    ? KotlinChannels.sequential(channel, messages(), batch())
                    : KotlinChannels.producersConsumers(channel, messages(), shape().producers, shape().consumers);
        }

        @Override
        void release() {
            KotlinChannels.close(channel);
        }
    }
}
