package dev.sluice.benchmarks;

import dev.sluice.channel.Channel;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.SynchronousQueue;
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
 * Capacity 0: every message is handed from a producer thread to a consumer thread, {@value
 * #MESSAGES} preallocated messages per invocation, in the shapes {@code spsc}, {@code mpsc} and
 * {@code mpmc} ({@code seq} cannot exist without a buffer). The score is messages per µs. Sluice
 * beside its anchors:
 *
 * <ul>
 *   <li>{@code sluice}: {@code Channel.rendezvous()}, blocking {@code send} / {@code recv}, one cloned
 *       handle per thread;
 *   <li>{@code synchronousQueue}: {@link SynchronousQueue} (non-fair) {@code put} / {@code take};
 *   <li>{@code linkedTransferQueue}: {@link LinkedTransferQueue} {@code transfer} / {@code take};
 *   <li>{@code kotlinChannel}: {@code Channel(RENDEZVOUS)} with coroutines on {@code
 *       Dispatchers.Default};
 *   <li>in {@code RendezvousJdk21Benchmark} (JDK 21+): {@code joxChannel}, and the virtual-thread
 *       cases {@code sluiceVirtual}, {@code synchronousQueueVirtual}, {@code joxChannelVirtual}.
 * </ul>
 *
 * <p>Every invocation checks that the digests received add up to the digests sent ({@link Traffic}).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RendezvousBenchmark {

    /** Messages per invocation (every one a hand-off, so fewer than the buffered families move). */
    static final int MESSAGES = 10_000;

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void sluice(SluiceRendezvous traffic) throws Exception {
        traffic.run();
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void synchronousQueue(SynchronousQueueTraffic traffic) throws Exception {
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
        @Param({"spsc", "mpsc", "mpmc"})
        public String shape;

        @Setup(Level.Trial)
        public final void setUp() throws Exception {
            prepare(MESSAGES, Shape.of(shape), 0);
            open();
        }

        /** Builds the queue under test and starts the traffic. */
        abstract void open() throws Exception;

        /** The workers: platform threads named after the benchmark (virtual in the JDK 21 cases). */
        ThreadFactory threads(String name) {
            return Crew.platformThreads("rendezvous-" + name);
        }
    }

    @State(Scope.Benchmark)
    public static class SluiceRendezvous extends Case {
        private SluiceEnds ends;

        @Override
        void open() {
            ends = new SluiceEnds(Channel.rendezvous(), shape());
            startThreads(ends::send, ends::recv, threads("sluice"));
        }

        @Override
        void release() {
            ends.close();
        }
    }

    @State(Scope.Benchmark)
    public static class SynchronousQueueTraffic extends Case {
        @Override
        void open() {
            SynchronousQueue<DigestedMessage> queue = new SynchronousQueue<>();
            startThreads(p -> queue::put, c -> queue::take, threads("synchronousQueue"));
        }
    }

    @State(Scope.Benchmark)
    public static class LinkedTransferQueueTraffic extends Case {
        @Override
        void open() {
            LinkedTransferQueue<DigestedMessage> queue = new LinkedTransferQueue<>();
            startThreads(p -> queue::transfer, c -> queue::take, threads("linkedTransferQueue"));
        }
    }

    @State(Scope.Benchmark)
    public static class KotlinTraffic extends Case {
        private kotlinx.coroutines.channels.Channel<DigestedMessage> channel;

        @Override
        void open() {
            channel = KotlinChannels.rendezvousChannel();
        }

        @Override
        long move() {
            return KotlinChannels.producersConsumers(channel, messages(), shape().producers, shape().consumers);
        }

        @Override
        void release() {
            KotlinChannels.close(channel);
        }
    }
}
