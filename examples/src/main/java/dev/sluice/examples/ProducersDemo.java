package dev.sluice.examples;

import dev.sluice.channel.Channel;
import dev.sluice.channel.Receiver;
import dev.sluice.channel.SendStatus;
import dev.sluice.channel.Sender;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The raw throughput demo: several blocking producer threads, each with its own cloned {@link Sender}, feed one
 * bounded channel; one consumer thread iterates the {@link Receiver} until every producer has closed
 * its handle and the buffer is drained.
 *
 * <p>It prints how many messages moved, the elapsed time, the throughput, and how long the producers
 * spent waiting for room in total. A producer first tries {@link Sender#trySend}; only when that
 * reports {@link SendStatus#FULL} does it call the blocking {@link Sender#send}, and the time spent
 * inside those calls is the waiting time.
 *
 * <p>The consumer also checks that each producer's messages arrive in the order sent (rule S1). The
 * program exits with status 1 if a message is lost, duplicated or out of order, and 2 on bad
 * arguments.
 *
 * <pre>
 * mvn -B -q -pl examples -am test-compile exec:java -Dexec.mainClass=dev.sluice.examples.ProducersDemo -Dexec.args="--producers 8 --messages 2000000"
 * </pre>
 */
public final class ProducersDemo {

    static final String USAGE = "usage: ProducersDemo [--producers N (default 4)] [--messages M (default 1000000)]"
            + " [--capacity C (default 1024; 0 = rendezvous)]";

    private ProducersDemo() {}

    public static void main(String[] args) throws InterruptedException {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs the demo and returns the process exit status: 0 when every message arrived in order. */
    static int run(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (options.help) {
            out.println(USAGE);
            return 0;
        }
        Report report = transfer(options);
        report.print(out, options);
        if (report.failure != null) {
            err.print("FAILED: ");
            report.failure.printStackTrace(err);
            return 1;
        }
        if (report.received != options.messages || report.outOfOrder != 0) {
            err.printf(
                    Locale.ROOT,
                    "FAILED: expected %d messages in order, received %d (%d out of order)%n",
                    options.messages,
                    report.received,
                    report.outOfOrder);
            return 1;
        }
        return 0;
    }

    /** One message: which producer sent it and its position in that producer's sequence. */
    record Message(int producer, long seq) {}

    static Report transfer(Options options) throws InterruptedException {
        Channel<Message> channel = Channel.bounded(options.capacity);
        Sender<Message> tx = channel.sender();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch start = new CountDownLatch(1);

        List<Producer> producers = new ArrayList<>();
        for (int p = 0; p < options.producers; p++) {
            long share = options.messages / options.producers + (p < options.messages % options.producers ? 1 : 0);
            // cloned here, before tx closes below, so the channel never runs out of senders early
            producers.add(new Producer(p, share, tx.clone(), start, failure));
        }
        tx.close(); // from here on, the producers' handles alone keep the channel open
        Consumer consumer = new Consumer(channel.receiver(), options.producers, failure);

        List<Thread> threads = new ArrayList<>();
        threads.add(new Thread(consumer, "consumer"));
        for (Producer producer : producers) {
            threads.add(new Thread(producer, "producer-" + producer.id));
        }
        threads.forEach(Thread::start);
        long startedAt = System.nanoTime();
        start.countDown();
        for (Thread thread : threads) {
            thread.join(); // also makes each thread's plain writes visible here
        }

        long waitedNanos = producers.stream().mapToLong(p -> p.waitedNanos).sum();
        long blockingSends = producers.stream().mapToLong(p -> p.blockingSends).sum();
        return new Report(
                consumer.received,
                consumer.outOfOrder,
                consumer.finishedAt - startedAt,
                waitedNanos,
                blockingSends,
                failure.get());
    }

    /**
     * Sends its share of the messages through its own sender handle: {@code trySend} first, and the
     * blocking {@code send} only when the channel is full, timing how long that waits.
     */
    static final class Producer implements Runnable {
        final int id;
        private final long share;
        private final Sender<Message> tx;
        private final CountDownLatch start;
        private final AtomicReference<Throwable> failure;
        long waitedNanos;
        long blockingSends;

        Producer(int id, long share, Sender<Message> tx, CountDownLatch start, AtomicReference<Throwable> failure) {
            this.id = id;
            this.share = share;
            this.tx = tx;
            this.start = start;
            this.failure = failure;
        }

        @Override
        public void run() {
            try (tx) { // closing the last producer's handle ends the consumer's iteration
                start.await();
                for (long seq = 0; seq < share; seq++) {
                    Message message = new Message(id, seq);
                    SendStatus status = tx.trySend(message);
                    if (status == SendStatus.FULL) {
                        long waitStart = System.nanoTime();
                        tx.send(message);
                        waitedNanos += System.nanoTime() - waitStart;
                        blockingSends++;
                    } else if (status == SendStatus.CLOSED) {
                        throw new IllegalStateException("channel closed while producer " + id + " still had messages");
                    }
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        }
    }

    /** Iterates the receiver until the channel is closed and drained, checking each producer's order. */
    static final class Consumer implements Runnable {
        private final Receiver<Message> rx;
        private final long[] nextSeq;
        private final AtomicReference<Throwable> failure;
        long received;
        long outOfOrder;
        long finishedAt;

        Consumer(Receiver<Message> rx, int producers, AtomicReference<Throwable> failure) {
            this.rx = rx;
            this.nextSeq = new long[producers];
            this.failure = failure;
        }

        @Override
        public void run() {
            try (rx) { // if this thread fails, closing the last receiver makes the producers' sends fail too
                for (Message message : rx) {
                    if (message.seq() != nextSeq[message.producer()]) {
                        outOfOrder++;
                    }
                    nextSeq[message.producer()] = message.seq() + 1;
                    received++;
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            } finally {
                finishedAt = System.nanoTime();
            }
        }
    }

    record Report(
            long received,
            long outOfOrder,
            long elapsedNanos,
            long producerWaitNanos,
            long blockingSends,
            Throwable failure) {

        void print(PrintStream out, Options options) {
            double micros = elapsedNanos / 1_000.0;
            out.printf(
                    Locale.ROOT,
                    "%d producer%s -> Channel.bounded(%d) -> 1 consumer%n",
                    options.producers,
                    options.producers == 1 ? "" : "s",
                    options.capacity);
            out.printf(Locale.ROOT, "moved:      %d of %d messages%n", received, options.messages);
            out.printf(Locale.ROOT, "elapsed:    %.1f ms%n", elapsedNanos / 1_000_000.0);
            out.printf(Locale.ROOT, "throughput: %.2f msgs/µs%n", micros > 0 ? received / micros : 0.0);
            out.printf(
                    Locale.ROOT,
                    "producers waited %.1f ms in total, in %d blocking sends after trySend reported FULL%n",
                    producerWaitNanos / 1_000_000.0,
                    blockingSends);
        }
    }

    static final class Options {
        int producers = 4;
        long messages = 1_000_000;
        int capacity = 1024;
        boolean help;

        static Options parse(String[] args) {
            Options options = new Options();
            for (int i = 0; i < args.length; i++) {
                String flag = args[i];
                if (flag.equals("--help") || flag.equals("-h")) {
                    options.help = true;
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value after " + flag);
                }
                String value = args[++i];
                switch (flag) {
                    case "--producers" -> options.producers = (int) inRange(flag, value, 1, Integer.MAX_VALUE);
                    case "--messages" -> options.messages = inRange(flag, value, 1, Long.MAX_VALUE);
                    case "--capacity" -> options.capacity = (int) inRange(flag, value, 0, Channel.MAX_CAPACITY);
                    default -> throw new IllegalArgumentException("unknown flag: " + flag);
                }
            }
            return options;
        }

        private static long inRange(String flag, String value, long min, long max) {
            long parsed;
            try {
                parsed = Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(flag + " needs a number, got: " + value);
            }
            if (parsed < min || parsed > max) {
                throw new IllegalArgumentException(
                        flag + " must be between " + min + " and " + max + ", got: " + value);
            }
            return parsed;
        }
    }
}
