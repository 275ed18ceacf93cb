package dev.sluice.benchmarks;

import dev.sluice.benchmarks.ProducerThreads.BlockingSend;
import dev.sluice.channel.Channel;
import dev.sluice.channel.Sender;
import dev.sluice.reactor.ChannelFlux;
import dev.sluice.rxjava.ChannelFlowable;
import io.reactivex.rxjava3.core.BackpressureStrategy;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.FlowableEmitter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
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
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.concurrent.Queues;

/**
 * Blocking producer threads feeding one reactive consumer, the use Sluice exists for: {@code producers}
 * threads (1 or 4) each send their share of {@value #MESSAGES} preallocated messages with a blocking
 * call, into a pipeline whose consumer, a {@link CountingSubscriber}, requests in batches of {@value
 * CountingSubscriber#REQUEST_BATCH}. Every bounded buffer holds {@value #CAPACITY}.
 *
 * <ul>
 *   <li>{@code sluice}: {@code Channel.bounded(1024)}, each producer its own sender handle calling
 *       {@code send}, the consumer subscribed directly to the {@code Receiver} (a {@code Publisher}).
 *       There is no consumer thread: elements are delivered by whichever thread makes them available
 *       (a producer's {@code send}) or asks for them (the consumer's {@code request}).
 *   <li>{@code sluiceFused}: the Reactor bridge's view, {@code ChannelFlux.from(rx).publishOn(scheduler,
 *       256)}: the view fuses with {@code publishOn}, which then polls the channel itself instead of
 *       queueing into a queue of its own.
 *   <li>{@code sluiceFlux}: the same channel consumed as a Reactor user does, {@code
 *       Flux.from(rx).publishOn(scheduler, 256)} on a dedicated single-thread scheduler.
 *   <li>{@code sluiceFlowableFused}: the RxJava bridge's view, {@code ChannelFlowable.from(rx).observeOn(
 *       scheduler, false, 256)}, fused with {@code observeOn} as the Reactor view is with {@code
 *       publishOn}; the scheduler is a dedicated single-thread executor, as in {@code
 *       rxjavaFlowableCreate}.
 *   <li>{@code sluiceFlowable}: the same channel as an RxJava user without the bridge consumes it,
 *       {@code Flowable.fromPublisher(rx).observeOn(scheduler, false, 256)} (unfused).
 *   <li>{@code submissionPublisher}: {@code new SubmissionPublisher<>(executor, 1024)} on a dedicated
 *       single-thread executor; producers call {@code submit}, which blocks while the buffer is full.
 *   <li>{@code reactorSink}: {@code Sinks.many().unicast().onBackpressureBuffer(<bounded queue of
 *       1024>)}, producers calling {@code emitNext} with a handler that retries {@code
 *       FAIL_NON_SERIALIZED} (spinning) and {@code FAIL_OVERFLOW} (yielding), which is what a user must
 *       write: Reactor's {@code busyLooping} handler retries only the first, so a full buffer would
 *       fail the emission. Consumed through {@code asFlux().publishOn(scheduler, 256)}.
 *   <li>{@code fluxCreateSemaphore}: {@code Flux.create} whose {@code onRequest} releases one {@link
 *       Semaphore} permit per requested element; each producer acquires a permit, then calls {@code
 *       sink.next}. Consumed through {@code publishOn(scheduler, 256)}, whose prefetch of 256 is then
 *       the bound on messages in flight.
 *   <li>{@code abqFluxGenerate}: producers {@code put} into an {@code ArrayBlockingQueue(1024)}; {@code
 *       Flux.generate(sink -> sink.next(queue.take()))} subscribed on a bounded-elastic scheduler (a
 *       dedicated one, of the same kind as {@code Schedulers.boundedElastic()}).
 *   <li>{@code rxjavaFlowableCreate}: RxJava {@code Flowable.create(emitter, BUFFER)}, an
 *       <em>unbounded</em> buffer, so producers never wait; with 4 producers they share {@code
 *       emitter.serialize()}. Consumed through {@code observeOn(scheduler, false, 256)} on a dedicated
 *       single-thread executor.
 * </ul>
 *
 * <p><b>Harness.</b> Fixed count: every invocation moves exactly {@value #MESSAGES} messages, and the
 * score is messages per µs ({@code @OperationsPerInvocation}). The pipeline, the producer threads
 * ({@link ProducerThreads}) and the subscription are set up once per trial and measured in steady
 * state; an invocation releases the producers for one batch and waits until the consumer has received
 * all of it ({@link Arrivals}), then checks the count and the checksum of the messages. A Sluice
 * channel completes its subscriber only once every sender closed, so one channel serves the whole
 * trial; at tear-down the producers stop, the pipeline is completed (senders closed, sink or publisher
 * completed), the consumer's {@code onComplete} and final totals are checked, and every thread the
 * pipeline started is shut down.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class BlockingToReactiveBenchmark {

    /** Messages moved per invocation. */
    static final int MESSAGES = 1_000_000;

    /** The capacity of every bounded buffer. */
    static final int CAPACITY = 1024;

    /** The prefetch of {@code publishOn} / {@code observeOn}: the consumer's request batch. */
    static final int PREFETCH = CountingSubscriber.REQUEST_BATCH;

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void sluice(Sluice pipeline) {
        pipeline.moveBatch();
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void sluiceFlux(SluiceFlux pipeline) {
        pipeline.moveBatch();
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void sluiceFused(SluiceFused pipeline) {
        pipeline.moveBatch();
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void sluiceFlowableFused(SluiceFlowableFused pipeline) {
        pipeline.moveBatch();
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void sluiceFlowable(SluiceFlowable pipeline) {
        pipeline.moveBatch();
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void submissionPublisher(Submission pipeline) {
        pipeline.moveBatch();
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void reactorSink(ReactorSink pipeline) {
        pipeline.moveBatch();
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void fluxCreateSemaphore(FluxCreateSemaphore pipeline) {
        pipeline.moveBatch();
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void abqFluxGenerate(AbqFluxGenerate pipeline) {
        pipeline.moveBatch();
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void rxjavaFlowableCreate(RxjavaFlowableCreate pipeline) {
        pipeline.moveBatch();
    }

    /**
     * One pipeline, from producer threads to a {@link CountingSubscriber}, alive for a trial. A
     * subclass builds it ({@link #open}) and ends it ({@link #complete}).
     */
    @State(Scope.Benchmark)
    public abstract static class Pipeline {
        @Param({"1", "4"})
        public int producers;

        private Arrivals arrivals;
        private ProducerThreads threads;
        private final Deque<AutoCloseable> resources = new ArrayDeque<>();

        @Setup(Level.Trial)
        public void start() {
            NumberedMessage[] ring = NumberedMessage.ring();
            String name = getClass().getSimpleName();
            arrivals = new Arrivals(name, MESSAGES, NumberedMessage.checksum(ring, MESSAGES));
            List<BlockingSend> sends = open(new CountingSubscriber(arrivals, MESSAGES), producers);
            threads = new ProducerThreads(name, sends, ring, MESSAGES, arrivals::fail);
        }

        /** One invocation: one batch from the producers to the consumer, checked. */
        final void moveBatch() {
            threads.release();
            arrivals.awaitBatch();
        }

        @TearDown(Level.Trial)
        public void stop() throws Exception {
            try {
                threads.stop();
                complete();
                arrivals.awaitEnd();
            } finally {
                while (!resources.isEmpty()) {
                    resources.pop().close();
                }
            }
        }

        /** Builds the pipeline, subscribes {@code consumer} and returns one blocking send per producer. */
        abstract List<BlockingSend> open(CountingSubscriber consumer, int producers);

        /** Signals the end of the stream, once the producers have stopped. */
        abstract void complete() throws Exception;

        /** Closes {@code resource} at tear-down, after the stream ended; the last registered first. */
        final void closeAtTearDown(AutoCloseable resource) {
            resources.push(resource);
        }

        /** A dedicated single-thread Reactor scheduler, disposed at tear-down. */
        final Scheduler singleScheduler() {
            Scheduler scheduler = Schedulers.newSingle(getClass().getSimpleName(), true);
            closeAtTearDown(scheduler::dispose);
            return scheduler;
        }

        /** A dedicated single-thread executor, shut down at tear-down. */
        final ExecutorService singleThreadExecutor() {
            String name = getClass().getSimpleName() + "-consumer";
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
            return executor;
        }

        /** {@code sends} repeated once per producer: for sinks that every producer shares. */
        static List<BlockingSend> shared(BlockingSend send, int producers) {
            return Collections.nCopies(producers, send);
        }
    }

    /** The channel's first sender and {@code producers - 1} clones of it: one handle per producer. */
    static List<Sender<NumberedMessage>> senders(Channel<NumberedMessage> channel, int producers) {
        List<Sender<NumberedMessage>> senders = new ArrayList<>();
        Sender<NumberedMessage> tx = channel.sender();
        senders.add(tx);
        for (int p = 1; p < producers; p++) {
            senders.add(tx.clone());
        }
        return senders;
    }

    static List<BlockingSend> sendsOf(List<Sender<NumberedMessage>> senders) {
        List<BlockingSend> sends = new ArrayList<>();
        for (Sender<NumberedMessage> tx : senders) {
            sends.add(tx::send);
        }
        return sends;
    }

    public static class Sluice extends Pipeline {
        private List<Sender<NumberedMessage>> senders;

        @Override
        List<BlockingSend> open(CountingSubscriber consumer, int producers) {
            Channel<NumberedMessage> channel = Channel.bounded(CAPACITY);
            senders = senders(channel, producers);
            channel.receiver().subscribe(consumer);
            return sendsOf(senders);
        }

        @Override
        void complete() {
            senders.forEach(Sender::close); // the last close completes the subscriber after the drain
        }
    }

    public static class SluiceFlux extends Pipeline {
        private List<Sender<NumberedMessage>> senders;

        @Override
        List<BlockingSend> open(CountingSubscriber consumer, int producers) {
            Channel<NumberedMessage> channel = Channel.bounded(CAPACITY);
            senders = senders(channel, producers);
            Flux.from(channel.receiver()).publishOn(singleScheduler(), PREFETCH).subscribe(consumer);
            return sendsOf(senders);
        }

        @Override
        void complete() {
            senders.forEach(Sender::close);
        }
    }

    public static class SluiceFused extends Pipeline {
        private List<Sender<NumberedMessage>> senders;

        @Override
        List<BlockingSend> open(CountingSubscriber consumer, int producers) {
            Channel<NumberedMessage> channel = Channel.bounded(CAPACITY);
            senders = senders(channel, producers);
            // the bridge's view fuses with publishOn: the channel is its queue
            ChannelFlux.from(channel.receiver())
                    .publishOn(singleScheduler(), PREFETCH)
                    .subscribe(consumer);
            return sendsOf(senders);
        }

        @Override
        void complete() {
            senders.forEach(Sender::close);
        }
    }

    public static class SluiceFlowableFused extends Pipeline {
        private List<Sender<NumberedMessage>> senders;

        @Override
        List<BlockingSend> open(CountingSubscriber consumer, int producers) {
            Channel<NumberedMessage> channel = Channel.bounded(CAPACITY);
            senders = senders(channel, producers);
            // the bridge's view fuses with observeOn: the channel is its queue
            ChannelFlowable.from(channel.receiver())
                    .observeOn(io.reactivex.rxjava3.schedulers.Schedulers.from(singleThreadExecutor()), false, PREFETCH)
                    .subscribe(consumer);
            return sendsOf(senders);
        }

        @Override
        void complete() {
            senders.forEach(Sender::close);
        }
    }

    public static class SluiceFlowable extends Pipeline {
        private List<Sender<NumberedMessage>> senders;

        @Override
        List<BlockingSend> open(CountingSubscriber consumer, int producers) {
            Channel<NumberedMessage> channel = Channel.bounded(CAPACITY);
            senders = senders(channel, producers);
            Flowable.fromPublisher(channel.receiver())
                    .observeOn(io.reactivex.rxjava3.schedulers.Schedulers.from(singleThreadExecutor()), false, PREFETCH)
                    .subscribe(consumer);
            return sendsOf(senders);
        }

        @Override
        void complete() {
            senders.forEach(Sender::close);
        }
    }

    public static class Submission extends Pipeline {
        private SubmissionPublisher<NumberedMessage> publisher;

        @Override
        List<BlockingSend> open(CountingSubscriber consumer, int producers) {
            publisher = new SubmissionPublisher<>(singleThreadExecutor(), CAPACITY);
            publisher.subscribe(consumer);
            return shared(publisher::submit, producers); // submit is safe from several threads
        }

        @Override
        void complete() {
            publisher.close();
        }
    }

    public static class ReactorSink extends Pipeline {
        /**
         * Retries a concurrent emission ({@code FAIL_NON_SERIALIZED}: another producer is inside the
         * sink) and a full buffer ({@code FAIL_OVERFLOW}: wait for the consumer); gives up otherwise.
         */
        static final Sinks.EmitFailureHandler RETRY = (signal, result) -> {
            if (result == Sinks.EmitResult.FAIL_NON_SERIALIZED) {
                Thread.onSpinWait();
                return true;
            }
            if (result == Sinks.EmitResult.FAIL_OVERFLOW) {
                Thread.yield(); // the consumer needs the CPU to make room, on a machine of 2 cores
                return true;
            }
            return false;
        };

        private Sinks.Many<NumberedMessage> sink;

        @Override
        List<BlockingSend> open(CountingSubscriber consumer, int producers) {
            sink = Sinks.many()
                    .unicast()
                    .onBackpressureBuffer(Queues.<NumberedMessage>get(CAPACITY).get());
            sink.asFlux().publishOn(singleScheduler(), PREFETCH).subscribe(consumer);
            return shared(message -> sink.emitNext(message, RETRY), producers);
        }

        @Override
        void complete() {
            sink.emitComplete(RETRY);
        }
    }

    public static class FluxCreateSemaphore extends Pipeline {
        private FluxSink<NumberedMessage> sink;

        @Override
        List<BlockingSend> open(CountingSubscriber consumer, int producers) {
            Semaphore demand = new Semaphore(0);
            AtomicReference<FluxSink<NumberedMessage>> created = new AtomicReference<>();
            Flux.<NumberedMessage>create(s -> {
                        s.onRequest(n -> demand.release((int) Math.min(n, Integer.MAX_VALUE)));
                        created.set(s);
                    })
                    .publishOn(singleScheduler(), PREFETCH)
                    .subscribe(consumer); // subscribes synchronously: the sink exists afterwards
            sink = Objects.requireNonNull(created.get(), "Flux.create did not run on subscribe");
            return shared(
                    message -> {
                        demand.acquire();
                        sink.next(message); // the create sink serialises concurrent producers
                    },
                    producers);
        }

        @Override
        void complete() {
            sink.complete();
        }
    }

    public static class AbqFluxGenerate extends Pipeline {
        /** Put after the producers stopped: the generator completes when it takes it. */
        private static final NumberedMessage END = new NumberedMessage(0);

        private ArrayBlockingQueue<NumberedMessage> queue;

        @Override
        List<BlockingSend> open(CountingSubscriber consumer, int producers) {
            queue = new ArrayBlockingQueue<>(CAPACITY);
            Scheduler boundedElastic = Schedulers.newBoundedElastic(
                    Schedulers.DEFAULT_BOUNDED_ELASTIC_SIZE,
                    Schedulers.DEFAULT_BOUNDED_ELASTIC_QUEUESIZE,
                    "AbqFluxGenerate",
                    60,
                    true);
            Flux.<NumberedMessage>generate(sink -> {
                        try {
                            NumberedMessage message = queue.take();
                            if (message == END) {
                                sink.complete();
                            } else {
                                sink.next(message);
                            }
                        } catch (InterruptedException e) {
                            sink.error(e);
                        }
                    })
                    .subscribeOn(boundedElastic)
                    .subscribe(consumer);
            closeAtTearDown(boundedElastic::dispose);
            return shared(queue::put, producers);
        }

        @Override
        void complete() throws InterruptedException {
            queue.put(END);
        }
    }

    public static class RxjavaFlowableCreate extends Pipeline {
        private FlowableEmitter<NumberedMessage> emitter;

        @Override
        List<BlockingSend> open(CountingSubscriber consumer, int producers) {
            AtomicReference<FlowableEmitter<NumberedMessage>> created = new AtomicReference<>();
            Flowable.<NumberedMessage>create(created::set, BackpressureStrategy.BUFFER)
                    .observeOn(io.reactivex.rxjava3.schedulers.Schedulers.from(singleThreadExecutor()), false, PREFETCH)
                    .subscribe(consumer); // subscribes synchronously: the emitter exists afterwards
            FlowableEmitter<NumberedMessage> e =
                    Objects.requireNonNull(created.get(), "Flowable.create did not run on subscribe");
            emitter = producers == 1 ? e : e.serialize(); // onNext from several threads needs serialize()
            return shared(emitter::onNext, producers);
        }

        @Override
        void complete() {
            emitter.onComplete();
        }
    }
}
