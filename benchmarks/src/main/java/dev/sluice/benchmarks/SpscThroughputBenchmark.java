package dev.sluice.benchmarks;

import dev.sluice.channel.Channel;
import dev.sluice.channel.Receiver;
import dev.sluice.channel.SendStatus;
import dev.sluice.channel.Sender;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jctools.queues.SpscArrayQueue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
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
import org.openjdk.jmh.infra.Control;

/**
 * One producer thread and one consumer thread moving a preallocated message through a buffer of
 * capacity 1024, Sluice side by side with its anchors in one run:
 *
 * <ul>
 *   <li>{@code abqBlocking}: {@link ArrayBlockingQueue} with timed {@code offer} / {@code poll} (the
 *       put/take path: a lock and two conditions);
 *   <li>{@code channelBlocking}: a Sluice channel with timed {@code send} / {@code recv}, the way a
 *       blocking application uses it; {@code flavor=bounded} is {@code Channel.bounded(1024)} (MPMC),
 *       {@code flavor=spsc} is {@code builder().capacity(1024).singleProducer().singleConsumer()};
 *   <li>{@code channelSpin}: the same channels driven by {@code trySend} / {@code tryRecv} in a
 *       busy-spin loop, the like-for-like comparison with the ceiling;
 *   <li>{@code jctoolsSpin}: JCTools {@link SpscArrayQueue} {@code offer} / {@code poll} in a
 *       busy-spin loop, the practical upper bound of an in-memory ring on this machine;
 *   <li>{@code abqPutTake} and {@code channelSendRecv}: the untimed blocking calls ({@code put} /
 *       {@code take}, {@code send} / {@code recv}) measured with a fixed count: a helper thread sends
 *       {@value #BATCH} messages per invocation while the benchmark thread receives them.
 * </ul>
 *
 * <p><b>Reading the results.</b> Each group has one sending and one receiving method, and JMH reports
 * both. The receiving row ({@code :recv}, {@code :tryRecv}, {@code :timedPoll}, {@code :poll}) is the
 * number of messages moved per µs; the group's own row is the sum of both sides, twice the message
 * rate. The fixed-count benchmarks report messages per µs directly.
 *
 * <p><b>Ending an iteration.</b> A plain blocking {@code put} / {@code take} would hang when JMH ends an
 * iteration, because the partner thread stops first. Every loop in a group therefore uses a timed or
 * non-blocking call and returns without counting once {@link Control#stopMeasurement} is set; the
 * fixed-count benchmarks avoid the problem instead, since both sides move exactly one batch.
 *
 * <p><b>Correctness.</b> The consumer checks that it received the very object that was sent, and after
 * each iteration (each trial, for the fixed-count ones) the pipe checks that every sent message was
 * received or is still buffered; a benchmark that loses messages fails instead of reporting a number.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(3)
public class SpscThroughputBenchmark {

    /** How long a timed call waits before looking at {@link Control#stopMeasurement} again. */
    static final Duration WAIT = Duration.ofMillis(10);

    private static final long WAIT_NANOS = WAIT.toNanos();

    // ---- ArrayBlockingQueue, timed offer / poll

    @Benchmark
    @Group("abqBlocking")
    @GroupThreads(1)
    public void timedOffer(QueuePipe pipe, Control control) throws InterruptedException {
        while (!pipe.queue.offer(pipe.message, WAIT_NANOS, TimeUnit.NANOSECONDS)) {
            if (control.stopMeasurement) {
                return;
            }
        }
        pipe.sent.count++;
    }

    @Benchmark
    @Group("abqBlocking")
    @GroupThreads(1)
    public void timedPoll(QueuePipe pipe, Control control) throws InterruptedException {
        Message message;
        while ((message = pipe.queue.poll(WAIT_NANOS, TimeUnit.NANOSECONDS)) == null) {
            if (control.stopMeasurement) {
                return;
            }
        }
        pipe.received(message);
    }

    // ---- Sluice channel, timed send / recv

    @Benchmark
    @Group("channelBlocking")
    @GroupThreads(1)
    public void send(ChannelPipe pipe, Control control) throws InterruptedException {
        while (!pipe.tx.send(pipe.message, WAIT)) {
            if (control.stopMeasurement) {
                return;
            }
        }
        pipe.sent.count++;
    }

    @Benchmark
    @Group("channelBlocking")
    @GroupThreads(1)
    public void recv(ChannelPipe pipe, Control control) throws InterruptedException {
        Message message;
        while ((message = pipe.rx.recv(WAIT)) == null) {
            if (control.stopMeasurement) {
                return;
            }
        }
        pipe.received(message);
    }

    // ---- Sluice channel, trySend / tryRecv busy-spin

    @Benchmark
    @Group("channelSpin")
    @GroupThreads(1)
    public void trySend(ChannelPipe pipe, Control control) {
        SendStatus status;
        while ((status = pipe.tx.trySend(pipe.message)) != SendStatus.SENT) {
            if (status == SendStatus.CLOSED) {
                throw new IllegalStateException("the channel closed under the producer");
            }
            if (control.stopMeasurement) {
                return;
            }
            Thread.onSpinWait();
        }
        pipe.sent.count++;
    }

    @Benchmark
    @Group("channelSpin")
    @GroupThreads(1)
    public void tryRecv(ChannelPipe pipe, Control control) {
        Message message;
        while ((message = pipe.rx.tryRecv()) == null) {
            if (control.stopMeasurement) {
                return;
            }
            Thread.onSpinWait();
        }
        pipe.received(message);
    }

    // ---- JCTools SpscArrayQueue, offer / poll busy-spin: the ceiling

    @Benchmark
    @Group("jctoolsSpin")
    @GroupThreads(1)
    public void offer(SpscQueuePipe pipe, Control control) {
        while (!pipe.queue.offer(pipe.message)) {
            if (control.stopMeasurement) {
                return;
            }
            Thread.onSpinWait();
        }
        pipe.sent.count++;
    }

    @Benchmark
    @Group("jctoolsSpin")
    @GroupThreads(1)
    public void poll(SpscQueuePipe pipe, Control control) {
        Message message;
        while ((message = pipe.queue.poll()) == null) {
            if (control.stopMeasurement) {
                return;
            }
            Thread.onSpinWait();
        }
        pipe.received(message);
    }

    // ---- fixed count: untimed blocking put / take and send / recv, one batch per invocation

    /** Messages per invocation of a fixed-count benchmark; its score is therefore messages per µs. */
    static final int BATCH = 100_000;

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void abqPutTake(FixedCountQueue pipe) throws InterruptedException {
        pipe.producer.produce();
        ArrayBlockingQueue<Message> queue = pipe.queue;
        for (int i = 0; i < BATCH; i++) {
            pipe.received(queue.take());
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void channelSendRecv(FixedCountChannel pipe) throws InterruptedException {
        pipe.producer.produce();
        Receiver<Message> rx = pipe.rx;
        for (int i = 0; i < BATCH; i++) {
            pipe.received(rx.recv());
        }
    }

    /** A channel fed by a {@link BatchProducer} thread; the benchmark thread receives. */
    @State(Scope.Thread)
    public static class FixedCountChannel extends Pipe {
        @Param({"bounded", "spsc"})
        public String flavor;

        @Param("1024")
        public int capacity;

        Receiver<Message> rx;
        BatchProducer producer;

        @Setup(Level.Trial)
        public void open() {
            Channel<Message> channel = Flavors.build(flavor, capacity);
            Sender<Message> tx = channel.sender();
            rx = channel.receiver();
            producer = new BatchProducer(
                    "channel-producer",
                    BATCH,
                    () -> {
                        tx.send(message);
                        sent.count++; // read after stop() has joined the producer
                    },
                    () -> tx.fail(new IllegalStateException("the producer failed")));
        }

        @TearDown(Level.Trial)
        public void check() throws InterruptedException {
            producer.stop();
            verifyAfterDraining(rx::tryRecv);
            rx.close();
        }
    }

    /** {@link ArrayBlockingQueue} fed by a {@link BatchProducer} thread with {@code put}. */
    @State(Scope.Thread)
    public static class FixedCountQueue extends Pipe {
        @Param("1024")
        public int capacity;

        ArrayBlockingQueue<Message> queue;
        BatchProducer producer;

        @Setup(Level.Trial)
        public void open() {
            queue = new ArrayBlockingQueue<>(capacity);
            producer = new BatchProducer(
                    "queue-producer",
                    BATCH,
                    () -> {
                        queue.put(message);
                        sent.count++; // read after stop() has joined the producer
                    },
                    () -> {});
        }

        @TearDown(Level.Trial)
        public void check() throws InterruptedException {
            producer.stop();
            verifyAfterDraining(queue::poll);
        }
    }

    // ---- the pipes: one per group, fresh every iteration

    /** A Sluice channel of the flavor under test. */
    @State(Scope.Group)
    public static class ChannelPipe extends Pipe {
        @Param({"bounded", "spsc"})
        public String flavor;

        @Param("1024")
        public int capacity;

        Sender<Message> tx;
        Receiver<Message> rx;

        @Setup(Level.Iteration)
        public void open() {
            Channel<Message> channel = Flavors.build(flavor, capacity);
            tx = channel.sender();
            rx = channel.receiver();
            reset();
        }

        @TearDown(Level.Iteration)
        public void check() {
            verifyAfterDraining(rx::tryRecv);
            tx.close();
            rx.close();
        }
    }

    /** {@link ArrayBlockingQueue}: the anchor Sluice's bounded channel is compared with. */
    @State(Scope.Group)
    public static class QueuePipe extends Pipe {
        @Param("1024")
        public int capacity;

        ArrayBlockingQueue<Message> queue;

        @Setup(Level.Iteration)
        public void open() {
            queue = new ArrayBlockingQueue<>(capacity);
            reset();
        }

        @TearDown(Level.Iteration)
        public void check() {
            verifyAfterDraining(queue::poll);
        }
    }

    /** JCTools {@link SpscArrayQueue}: the ceiling the SPSC flavor is compared with. */
    @State(Scope.Group)
    public static class SpscQueuePipe extends Pipe {
        @Param("1024")
        public int capacity;

        SpscArrayQueue<Message> queue;

        @Setup(Level.Iteration)
        public void open() {
            queue = new SpscArrayQueue<>(capacity);
            reset();
        }

        @TearDown(Level.Iteration)
        public void check() {
            verifyAfterDraining(queue::poll);
        }
    }

    /**
     * What every pipe shares: the one preallocated message, and a count on each side. Each count is
     * written by one thread only, and read once both threads are done (JMH's end-of-iteration barrier,
     * or joining the {@link BatchProducer}); the padding in {@link Tally} keeps the two counts off each
     * other's cache line.
     */
    public abstract static class Pipe {
        final Message message = new Message();
        final Tally sent = new Tally();
        final Tally received = new Tally();

        final void received(Message message) {
            checkIdentity(message);
            received.count++;
        }

        private void checkIdentity(Message message) {
            if (message != this.message) {
                throw new IllegalStateException("received " + message + ", not the message that was sent");
            }
        }

        final void reset() {
            sent.count = 0;
            received.count = 0;
        }

        /** Empties the buffer through {@code poll}, then checks that nothing was lost or duplicated. */
        final void verifyAfterDraining(Supplier<Message> poll) {
            long buffered = 0;
            Message message;
            while ((message = poll.get()) != null) {
                checkIdentity(message);
                buffered++;
            }
            verify(buffered);
        }

        /** Every message sent was received, or is among the {@code buffered} left over. */
        private void verify(long buffered) {
            if (sent.count != received.count + buffered) {
                throw new IllegalStateException("lost or duplicated messages: sent " + sent.count + ", received "
                        + received.count + ", left in the buffer " + buffered);
            }
            if (received.count == 0) {
                throw new IllegalStateException("not one message moved");
            }
        }
    }
}
