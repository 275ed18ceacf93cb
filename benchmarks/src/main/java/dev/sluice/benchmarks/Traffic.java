package dev.sluice.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.function.IntFunction;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The JMH state every fixed-count benchmark builds on: one invocation ({@link #run()}) moves a
 * fixed array of preallocated {@link DigestedMessage}s through the queue under test exactly once,
 * then checks that the digests the receivers summed add up to the array's. The benchmark method
 * carries {@code @OperationsPerInvocation(count)}, so its score is messages (or round trips) per
 * unit of time.
 *
 * <p>A family's state subclass prepares the messages and the {@link Shape} in its trial setup, then
 * builds the queue and hands its ends to {@link #startThreads} (or its own tasks to {@link
 * #startTasks}): the workers are created once per trial ({@link Crew}) and released once per
 * invocation. The {@code seq} shape runs on the benchmark thread itself. The trial teardown stops
 * the workers (interrupting any that a failure left blocked), then {@link #release()}s the queue.
 */
public abstract class Traffic {

    private DigestedMessage[] messages;
    private long expectedSum;
    private Shape shape;
    private int batch;
    private Ends.Send seqSend;
    private Ends.Recv seqRecv;
    private Crew crew;

    /**
     * Preallocates {@code count} messages; {@code batch} is how many the {@code seq} shape sends
     * before it receives them back.
     */
    final void prepare(int count, Shape shape, int batch) {
        if (shape == Shape.SEQ && batch < 1) {
            throw new IllegalArgumentException("seq needs a buffer to send a batch into; batch: " + batch);
        }
        if (count % shape.producers != 0 || count % shape.consumers != 0) {
            throw new IllegalArgumentException(count + " messages do not split evenly for " + shape);
        }
        this.messages = DigestedMessage.numbered(count);
        this.expectedSum = DigestedMessage.digestSum(messages);
        this.shape = shape;
        this.batch = batch;
    }

    final DigestedMessage[] messages() {
        return messages;
    }

    final Shape shape() {
        return shape;
    }

    final int batch() {
        return batch;
    }

    /**
     * Starts the shape's workers: producer {@code p} sends the {@code p}-th equal slice of the
     * messages through {@code producerEnd.apply(p)}, consumer {@code c} receives an equal share
     * through {@code consumerEnd.apply(c)} (as crossbeam's suite does: each consumer takes exactly
     * count / consumers). For {@code seq}, takes end 0 of each for the benchmark thread instead.
     */
    final void startThreads(
            IntFunction<Ends.Send> producerEnd, IntFunction<Ends.Recv> consumerEnd, ThreadFactory threads) {
        if (shape == Shape.SEQ) {
            seqSend = producerEnd.apply(0);
            seqRecv = consumerEnd.apply(0);
            return;
        }
        List<Crew.Task> tasks = new ArrayList<>();
        int slice = messages.length / shape.producers;
        for (int p = 0; p < shape.producers; p++) {
            tasks.add(producer(producerEnd.apply(p), messages, p * slice, (p + 1) * slice));
        }
        int share = messages.length / shape.consumers;
        for (int c = 0; c < shape.consumers; c++) {
            tasks.add(consumer(consumerEnd.apply(c), share));
        }
        startTasks(tasks, threads);
    }

    /** Starts one worker per task; each invocation runs every task once. */
    final void startTasks(List<Crew.Task> tasks, ThreadFactory threads) {
        crew = new Crew(tasks, threads);
    }

    private static Crew.Task producer(Ends.Send send, DigestedMessage[] messages, int from, int to) {
        return () -> {
            for (int i = from; i < to; i++) {
                send.send(messages[i]);
            }
            return 0;
        };
    }

    private static Crew.Task consumer(Ends.Recv recv, int share) {
        return () -> {
            long sum = 0;
            for (int i = 0; i < share; i++) {
                sum += recv.recv().digest;
            }
            return sum;
        };
    }

    /**
     * One invocation's traffic: every message moved once; returns the sum of the digests received.
     * Subclasses that drive the queue some other way (Kotlin coroutines) override it.
     */
    long move() throws Exception {
        return crew != null ? crew.round() : sequential();
    }

    private long sequential() throws Exception {
        Ends.Send send = seqSend;
        Ends.Recv recv = seqRecv;
        DigestedMessage[] messages = this.messages;
        long sum = 0;
        for (int from = 0; from < messages.length; from += batch) {
            int to = Math.min(messages.length, from + batch);
            for (int i = from; i < to; i++) {
                send.send(messages[i]);
            }
            for (int i = from; i < to; i++) {
                sum += recv.recv().digest;
            }
        }
        return sum;
    }

    /** One invocation, checked: fails the run if a message was lost, duplicated or changed. */
    public final void run() throws Exception {
        long sum = move();
        if (sum != expectedSum) {
            throw new IllegalStateException("the receivers' digests add up to " + sum + ", not " + expectedSum
                    + ": messages were lost or duplicated");
        }
    }

    @TearDown(Level.Trial)
    public final void stop() throws Exception {
        try {
            if (crew != null) {
                crew.close();
            }
        } finally {
            release();
        }
    }

    /** Closes the queue under test; runs after every worker has stopped. */
    void release() {}
}
