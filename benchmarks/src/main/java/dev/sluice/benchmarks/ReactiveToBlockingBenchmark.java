package dev.sluice.benchmarks;

import dev.sluice.benchmarks.ConsumerThread.Totals;
import dev.sluice.channel.Channel;
import dev.sluice.channel.ChannelClosedException;
import dev.sluice.channel.Receiver;
import io.reactivex.rxjava3.core.Flowable;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * A reactive source drained by a blocking consumer thread: {@value #MESSAGES} preallocated messages
 * from {@code range(0, N).map(i -> ring[i & mask])}, received by a persistent {@link ConsumerThread}
 * with a plain blocking loop, through a buffer of {@value #CAPACITY} (Sluice) or a prefetch of
 * {@value #PREFETCH} (the anchors, the batch size each offers):
 *
 * <ul>
 *   <li>{@code sluice}: {@code flux.subscribe(tx)} into a fresh {@code Channel.bounded(1024)}, the
 *       consumer calling {@code rx.recv()} until the channel is closed (the sender closes on the
 *       source's {@code onComplete}). A channel ends once completed, so each invocation makes one.
 *   <li>{@code fluxToIterable}: Reactor's own bridge, {@code flux.toIterable(256)}, iterated by the
 *       consumer (what {@code toStream} and {@code blockLast}-style code also use).
 *   <li>{@code flowableBlockingIterable}: RxJava's, {@code Flowable.range(..).map(..)
 *       .blockingIterable(256)}, iterated by the consumer.
 * </ul>
 *
 * <p>{@code source=sync} is the bare range, which emits on whichever thread requests: for the anchors
 * the consumer itself (the iterator requests as it drains), for Sluice the thread that subscribes and
 * then the consumer, whose receives free slots that the sender re-requests. {@code source=async} adds
 * {@code subscribeOn} a dedicated single-thread scheduler, so the source emits on its own thread, as
 * one that does I/O would, and every message crosses threads.
 *
 * <p><b>Harness.</b> Fixed count: an invocation starts the consumer on one batch, subscribes (Sluice)
 * and waits until the consumer has drained the whole source ({@link Arrivals}), checking the count and
 * the checksum; the score is messages per µs ({@code @OperationsPerInvocation}).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ReactiveToBlockingBenchmark {

    /** Messages moved per invocation. */
    static final int MESSAGES = 1_000_000;

    /** The capacity of the Sluice channel. */
    static final int CAPACITY = 1024;

    /** The batch size of the anchors' blocking iterables. */
    static final int PREFETCH = 256;

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void sluice(Sluice pipeline) {
        Channel<NumberedMessage> channel = Channel.bounded(CAPACITY);
        Receiver<NumberedMessage> rx = channel.receiver();
        pipeline.consumer.drain(totals -> drain(rx, totals));
        pipeline.flux.subscribe(channel.sender());
        pipeline.arrivals.awaitBatch();
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void fluxToIterable(FluxToIterable pipeline) {
        pipeline.consumer.drain(totals -> drain(pipeline.iterable, totals));
        pipeline.arrivals.awaitBatch();
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void flowableBlockingIterable(FlowableBlockingIterable pipeline) {
        pipeline.consumer.drain(totals -> drain(pipeline.iterable, totals));
        pipeline.arrivals.awaitBatch();
    }

    /** Receives until the channel is closed and drained. */
    static void drain(Receiver<NumberedMessage> rx, Totals totals) throws InterruptedException {
        long count = 0;
        long sum = 0;
        try {
            while (true) {
                NumberedMessage message = rx.recv();
                count++;
                sum += message.number;
            }
        } catch (ChannelClosedException e) {
            if (e.getCause() != null) {
                throw e; // the channel was failed: the source signalled onError
            }
        }
        rx.close();
        totals.add(count, sum);
    }

    /** Iterates to the end of a blocking iterable. */
    static void drain(Iterable<NumberedMessage> iterable, Totals totals) {
        long count = 0;
        long sum = 0;
        for (NumberedMessage message : iterable) {
            count++;
            sum += message.number;
        }
        totals.add(count, sum);
    }

    /** The source, the consumer thread and the checks, alive for a trial. */
    @State(Scope.Benchmark)
    public abstract static class Pipeline {
        @Param({"sync", "async"})
        public String source;

        NumberedMessage[] ring;
        Arrivals arrivals;
        ConsumerThread consumer;
        private final Deque<AutoCloseable> resources = new ArrayDeque<>();

        @Setup(Level.Trial)
        public void start() {
            ring = NumberedMessage.ring();
            String name = getClass().getSimpleName();
            arrivals = new Arrivals(name, MESSAGES, NumberedMessage.checksum(ring, MESSAGES));
            consumer = new ConsumerThread(name, arrivals);
            open();
        }

        /** Assembles the source. */
        abstract void open();

        boolean async() {
            return switch (source) {
                case "sync" -> false;
                case "async" -> true;
                default -> throw new IllegalArgumentException("unknown source: " + source + " (sync or async)");
            };
        }

        /** {@code Flux.range(0, N).map(i -> ring[i & mask])}, subscribed on its own thread if async. */
        Flux<NumberedMessage> rangeFlux() {
            int mask = ring.length - 1;
            NumberedMessage[] messages = ring;
            Flux<NumberedMessage> flux = Flux.range(0, MESSAGES).map(i -> messages[i & mask]);
            if (!async()) {
                return flux;
            }
            Scheduler scheduler = Schedulers.newSingle(getClass().getSimpleName() + "-source", true);
            closeAtTearDown(scheduler::dispose);
            return flux.subscribeOn(scheduler);
        }

        @TearDown(Level.Trial)
        public void stop() throws Exception {
            try {
                consumer.stop();
            } finally {
                while (!resources.isEmpty()) {
                    resources.pop().close();
                }
            }
        }

        final void closeAtTearDown(AutoCloseable resource) {
            resources.push(resource);
        }
    }

    public static class Sluice extends Pipeline {
        Flux<NumberedMessage> flux;

        @Override
        void open() {
            flux = rangeFlux();
        }
    }

    public static class FluxToIterable extends Pipeline {
        Iterable<NumberedMessage> iterable;

        @Override
        void open() {
            iterable = rangeFlux().toIterable(PREFETCH);
        }
    }

    public static class FlowableBlockingIterable extends Pipeline {
        Iterable<NumberedMessage> iterable;

        @Override
        void open() {
            int mask = ring.length - 1;
            NumberedMessage[] messages = ring;
            Flowable<NumberedMessage> flowable = Flowable.range(0, MESSAGES).map(i -> messages[i & mask]);
            if (async()) {
                String name = getClass().getSimpleName() + "-source";
                ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
                    Thread thread = new Thread(task, name);
                    thread.setDaemon(true);
                    return thread;
                });
                closeAtTearDown(() -> {
                    executor.shutdown();
                    if (!executor.awaitTermination(1, TimeUnit.MINUTES)) {
                        throw new IllegalStateException(name + " did not stop");
                    }
                });
                flowable = flowable.subscribeOn(io.reactivex.rxjava3.schedulers.Schedulers.from(executor));
            }
            iterable = flowable.blockingIterable(PREFETCH);
        }
    }
}
