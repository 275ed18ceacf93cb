package dev.sluice.benchmarks;

import dev.sluice.channel.Channel;
import dev.sluice.channel.ChannelBuilder;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.MpmcArrayQueue;
import org.jctools.queues.MpscArrayQueue;
import org.jctools.queues.SpscArrayQueue;
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
 * Bounded buffers, crossbeam-channel's suite re-expressed in JMH: {@value #MESSAGES} preallocated
 * messages per invocation through a buffer of {@code capacity} 1, 16 or 1024, in each {@link Shape}
 * ({@code seq} sends a batch of {@code capacity}, then receives it, repeated). The score is messages
 * per µs. Sluice beside its anchors:
 *
 * <ul>
 *   <li>{@code sluice}: {@code Channel.bounded(capacity)}, blocking {@code send} / {@code recv}, one
 *       cloned handle per thread;
 *   <li>{@code sluiceSpecialised}: the builder with {@code singleProducer()} and / or {@code
 *       singleConsumer()} as far as the shape allows (both for {@code seq} and {@code spsc}, {@code
 *       singleConsumer()} for {@code mpsc}); {@code mpmc} allows neither, so there it is the plain
 *       builder channel, the same as {@code sluice}, kept so that every row has both;
 *   <li>{@code arrayBlockingQueue}, {@code linkedBlockingQueue} (bounded): {@code put} / {@code take};
 *   <li>{@code jctoolsSpin}: JCTools {@code SpscArrayQueue} ({@code seq}, {@code spsc}), {@code
 *       MpscArrayQueue} ({@code mpsc}) or {@code MpmcArrayQueue} ({@code mpmc}), {@code offer} /
 *       {@code poll} in a busy-spin loop; JCTools rounds capacities up to a power of two, at least 2
 *       (4 for {@code SpscArrayQueue}), so {@code capacity=1} runs with 2 (or 4) slots;
 *   <li>{@code kotlinChannel}: {@code Channel(capacity)} with coroutines on {@code Dispatchers.Default};
 *   <li>{@code joxChannel} (JDK 21+, in {@code BoundedJdk21Benchmark}).
 * </ul>
 *
 * <p>Every invocation checks that the digests received add up to the digests sent ({@link Traffic}).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BoundedBenchmark {

    /** Messages per invocation: divisible by {@link Shape#THREADS}. */
    static final int MESSAGES = 100_000;

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void sluice(SluiceBounded traffic) throws Exception {
        traffic.run();
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void sluiceSpecialised(SluiceSpecialised traffic) throws Exception {
        traffic.run();
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void arrayBlockingQueue(ArrayBlockingQueueTraffic traffic) throws Exception {
        traffic.run();
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void linkedBlockingQueue(LinkedBlockingQueueTraffic traffic) throws Exception {
        traffic.run();
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void jctoolsSpin(JctoolsTraffic traffic) throws Exception {
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

        @Param({"1", "16", "1024"})
        public int capacity;

        @Setup(Level.Trial)
        public final void setUp() throws Exception {
            prepare(MESSAGES, Shape.of(shape), capacity);
            open();
        }

        /** Builds the queue under test and starts the traffic. */
        abstract void open() throws Exception;

        /** The workers: platform threads named after the benchmark. */
        ThreadFactory threads(String name) {
            return Crew.platformThreads("bounded-" + name);
        }
    }

    @State(Scope.Benchmark)
    public static class SluiceBounded extends Case {
        private SluiceEnds ends;

        @Override
        void open() {
            ends = new SluiceEnds(Channel.bounded(capacity), shape());
            startThreads(ends::send, ends::recv, threads("sluice"));
        }

        @Override
        void release() {
            ends.close();
        }
    }

    @State(Scope.Benchmark)
    public static class SluiceSpecialised extends Case {
        private SluiceEnds ends;

        @Override
        void open() {
            ChannelBuilder<DigestedMessage> builder =
                    Channel.<DigestedMessage>builder().capacity(capacity);
            ends = new SluiceEnds(SluiceEnds.specialised(builder, shape()).build(), shape());
            startThreads(ends::send, ends::recv, threads("sluiceSpecialised"));
        }

        @Override
        void release() {
            ends.close();
        }
    }

    @State(Scope.Benchmark)
    public static class ArrayBlockingQueueTraffic extends Case {
        @Override
        void open() {
            ArrayBlockingQueue<DigestedMessage> queue = new ArrayBlockingQueue<>(capacity);
            startThreads(p -> queue::put, c -> queue::take, threads("arrayBlockingQueue"));
        }
    }

    @State(Scope.Benchmark)
    public static class LinkedBlockingQueueTraffic extends Case {
        @Override
        void open() {
            LinkedBlockingQueue<DigestedMessage> queue = new LinkedBlockingQueue<>(capacity);
            startThreads(p -> queue::put, c -> queue::take, threads("linkedBlockingQueue"));
        }
    }

    @State(Scope.Benchmark)
    public static class JctoolsTraffic extends Case {
        @Override
        void open() {
            MessagePassingQueue<DigestedMessage> queue =
                    switch (shape()) {
                        case SEQ, SPSC -> new SpscArrayQueue<>(capacity);
                        case MPSC -> new MpscArrayQueue<>(Math.max(2, capacity));
                        case MPMC -> new MpmcArrayQueue<>(Math.max(2, capacity));
                    };
            startThreads(p -> Ends.spinOffer(queue), c -> Ends.spinPoll(queue), threads("jctoolsSpin"));
        }
    }

    @State(Scope.Benchmark)
    public static class KotlinTraffic extends Case {
        private kotlinx.coroutines.channels.Channel<DigestedMessage> channel;

        @Override
        void open() {
            channel = KotlinChannels.boundedChannel(capacity);
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
