package dev.sluice.benchmarks;

import dev.sluice.channel.BlockingProducer;
import dev.sluice.channel.Sender;
import dev.sluice.reactor.ChannelFlux;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The Reactor bridge's one-call blocking producer, {@code ChannelFlux.produce(1024, tx -> ...)},
 * consumed through {@code publishOn(scheduler, 256)} by a {@link CountingSubscriber}: does running the
 * producer on a virtual thread (what {@code produce} does on JDK 21+) cost anything against the same
 * pipeline on a platform thread ({@code produce(1024, scheduler, ...)} on a scheduler of platform
 * threads)?
 *
 * <ul>
 *   <li>{@code virtualThread}: {@code produce(capacity, producer)}; with {@code producers} 4, the
 *       producer clones its sender for three more virtual threads.
 *   <li>{@code platformThread}: {@code produce(capacity, scheduler, producer)} on a scheduler of
 *       platform threads; the three more producers are platform threads.
 * </ul>
 *
 * <p>Every invocation subscribes one stream, which makes its channel and starts its producer(s), moves
 * exactly {@value #MESSAGES} preallocated messages and completes; the invocation waits for the end
 * and checks the count and the checksum ({@link Arrivals}). Starting a thread and a channel per
 * million messages is part of what {@code produce} costs, and is the same for both.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ProduceJdk21Benchmark {
    static final int MESSAGES = 1_000_000;
    static final int CAPACITY = 1024;
    static final int PREFETCH = CountingSubscriber.REQUEST_BATCH;

    @State(Scope.Benchmark)
    public static class Pipeline {
        @Param({"1", "4"})
        public int producers;

        NumberedMessage[] ring;
        long checksum;
        Scheduler consumer;
        Scheduler platform;
        ExecutorService platformPool;

        @Setup(Level.Trial)
        public void start() {
            ring = NumberedMessage.ring();
            checksum = NumberedMessage.checksum(ring, MESSAGES);
            consumer = Schedulers.newSingle("produce-consumer", true);
            platformPool = Executors.newCachedThreadPool(daemons("produce-platform"));
            platform = Schedulers.fromExecutorService(platformPool);
        }

        @TearDown(Level.Trial)
        public void stop() throws InterruptedException {
            consumer.dispose();
            platform.dispose();
            platformPool.shutdown();
            if (!platformPool.awaitTermination(1, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the platform producers did not stop");
            }
        }

        /** Producer {@code p} of {@code producers} sends messages {@code p, p + producers, ...}. */
        BlockingProducer<NumberedMessage> producer(ThreadFactory more) {
            return tx -> {
                List<Thread> helpers = new ArrayList<>();
                for (int p = 1; p < producers; p++) {
                    Sender<NumberedMessage> mine = tx.clone();
                    int first = p;
                    helpers.add(more.newThread(() -> {
                        try (mine) {
                            sendShare(mine, first);
                        } catch (InterruptedException e) {
                            mine.fail(e);
                        }
                    }));
                }
                helpers.forEach(Thread::start);
                sendShare(tx, 0);
                for (Thread t : helpers) {
                    t.join();
                }
            };
        }

        private void sendShare(Sender<NumberedMessage> tx, int first) throws InterruptedException {
            int mask = ring.length - 1;
            for (int i = first; i < MESSAGES; i += producers) {
                tx.send(ring[i & mask]);
            }
        }

        void run(reactor.core.publisher.Flux<NumberedMessage> stream) {
            Arrivals arrivals = new Arrivals("produce", MESSAGES, checksum);
            stream.publishOn(consumer, PREFETCH).subscribe(new CountingSubscriber(arrivals, MESSAGES));
            arrivals.awaitBatch();
            arrivals.awaitEnd();
        }
    }

    private static ThreadFactory daemons(String name) {
        return Thread.ofPlatform().name(name + "-", 0).daemon(true).factory();
    }

    private static final ThreadFactory MORE_VIRTUAL = VirtualThreads.named("produce-virtual");
    private static final ThreadFactory MORE_PLATFORM = daemons("produce-platform-more");

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void virtualThread(Pipeline p) {
        p.run(ChannelFlux.produce(CAPACITY, p.producer(MORE_VIRTUAL)));
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void platformThread(Pipeline p) {
        p.run(ChannelFlux.produce(CAPACITY, p.platform, p.producer(MORE_PLATFORM)));
    }
}
