package dev.sluice.benchmarks;

import dev.sluice.channel.Channel;
import dev.sluice.channel.Receiver;
import dev.sluice.channel.SendStatus;
import dev.sluice.channel.Sender;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Rule S12, steady state allocates nothing: one thread sends a preallocated element into an empty
 * channel and receives it back, so neither call ever waits. Run it with {@code -prof gc} and read
 * {@code gc.alloc.rate.norm}: the target is 0 B/op for every channel flavor. {@link
 * ArrayBlockingQueue} {@code put} / {@code take} is the anchor (it also allocates nothing).
 *
 * <p>Each operation checks that it received the very object it sent.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AllocationBenchmark {

    @Benchmark
    public Message channelSendRecv(ChannelState state) throws InterruptedException {
        state.tx.send(state.message); // never waits: the channel is empty
        return state.check(state.rx.recv());
    }

    @Benchmark
    public Message channelTrySendTryRecv(ChannelState state) {
        SendStatus status = state.tx.trySend(state.message);
        if (status != SendStatus.SENT) {
            throw new IllegalStateException("trySend into an empty channel answered " + status);
        }
        return state.check(state.rx.tryRecv());
    }

    @Benchmark
    public Message abqPutTake(QueueState state) throws InterruptedException {
        state.queue.put(state.message);
        return state.check(state.queue.take());
    }

    @State(Scope.Thread)
    public static class ChannelState extends Checked {
        @Param({"bounded", "spsc"})
        public String flavor;

        @Param("1024")
        public int capacity;

        Sender<Message> tx;
        Receiver<Message> rx;

        @Setup(Level.Trial)
        public void open() {
            Channel<Message> channel = Flavors.build(flavor, capacity);
            tx = channel.sender();
            rx = channel.receiver();
        }

        @TearDown(Level.Trial)
        public void close() {
            tx.close();
            rx.close();
        }
    }

    @State(Scope.Thread)
    public static class QueueState extends Checked {
        @Param("1024")
        public int capacity;

        ArrayBlockingQueue<Message> queue;

        @Setup(Level.Trial)
        public void open() {
            queue = new ArrayBlockingQueue<>(capacity);
        }
    }

    /** The preallocated message, and the check that what came out is what went in. */
    public abstract static class Checked {
        final Message message = new Message();

        final Message check(Message received) {
            if (received != message) {
                throw new IllegalStateException("sent " + message + ", received " + received);
            }
            return received;
        }
    }
}
