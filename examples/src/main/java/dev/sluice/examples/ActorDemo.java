package dev.sluice.examples;

import dev.sluice.channel.Channel;
import dev.sluice.channel.Oneshot;
import dev.sluice.channel.Oneshot.OneshotReceiver;
import dev.sluice.channel.Oneshot.OneshotSender;
import dev.sluice.channel.Receiver;
import dev.sluice.channel.Sender;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The actor pattern, as tokio users write it, in Java: an actor thread owns its state (counters by
 * key) and is reached only through a typed handle, {@link Counters}, that sends it commands over a
 * bounded channel (its mailbox). Commands that answer carry a {@link Oneshot} sender for the reply; the
 * handle waits on the matching receiver. No lock guards the state: only the actor touches it. The
 * actor stops when the last handle is closed (the mailbox's last sender), after the commands already
 * sent.
 *
 * <p>Four client threads add to the counters and ask questions meanwhile; at the end the program
 * drains the counters and checks every addition arrived, exit status 1 if not.
 *
 * <pre>
 * mvn -B -q -pl examples -am test-compile exec:java -Dexec.mainClass=dev.sluice.examples.ActorDemo
 * </pre>
 */
public final class ActorDemo {
    private ActorDemo() {}

    /** What the actor understands; those with a reply carry its oneshot sender. */
    sealed interface Command permits Add, Get, Depth, Drain {}

    record Add(String key, long amount) implements Command {}

    record Get(String key, OneshotSender<Long> reply) implements Command {}

    record Depth(OneshotSender<Integer> reply) implements Command {}

    record Drain(OneshotSender<Map<String, Long>> reply) implements Command {}

    /**
     * The actor: its state, and the loop over its mailbox. Iteration ends when every handle is closed
     * and the mailbox is drained.
     */
    static final class CounterActor implements Runnable {
        private final Receiver<Command> mailbox;
        private final Map<String, Long> counts = new TreeMap<>();

        CounterActor(Receiver<Command> mailbox) {
            this.mailbox = mailbox;
        }

        @Override
        public void run() {
            try (mailbox) {
                for (Command c : mailbox) {
                    if (c instanceof Add add) {
                        counts.merge(add.key(), add.amount(), Long::sum);
                    } else if (c instanceof Get get) {
                        get.reply().send(counts.getOrDefault(get.key(), 0L)); // false if the asker left: fine
                    } else if (c instanceof Depth depth) {
                        depth.reply().send(mailbox.size());
                    } else if (c instanceof Drain drain) {
                        drain.reply().send(Map.copyOf(counts));
                        counts.clear();
                    }
                }
            }
        }
    }

    /**
     * The typed handle: every method is a message to the actor. Clone it for each thread that talks
     * to the actor (each clone is a sender handle of the mailbox); close every clone to stop the actor.
     */
    static final class Counters implements AutoCloseable {
        private final Sender<Command> mailbox;

        Counters(Sender<Command> mailbox) {
            this.mailbox = mailbox;
        }

        /** Starts an actor with a mailbox of {@code capacity} commands; returns its first handle. */
        static Counters start(int capacity) {
            Channel<Command> channel = Channel.bounded(capacity);
            Thread actor = new Thread(new CounterActor(channel.receiver()), "counter-actor");
            actor.start();
            return new Counters(channel.sender());
        }

        /** Adds {@code amount} to {@code key}'s counter; waits only while the mailbox is full. */
        void add(String key, long amount) throws InterruptedException {
            mailbox.send(new Add(key, amount));
        }

        /** The counter of {@code key}, after every command this handle sent before. */
        long get(String key) throws InterruptedException {
            return ask(reply -> new Get(key, reply));
        }

        /** How many commands wait in the mailbox, as the actor sees it. */
        int depth() throws InterruptedException {
            return ask(Depth::new);
        }

        /** Every counter, which the actor then resets. */
        Map<String, Long> drain() throws InterruptedException {
            return ask(Drain::new);
        }

        private <R> R ask(java.util.function.Function<OneshotSender<R>, Command> command) throws InterruptedException {
            Oneshot<R> reply = Oneshot.create();
            try (OneshotReceiver<R> answer = reply.receiver()) {
                mailbox.send(command.apply(reply.sender()));
                return answer.await(); // a closed reply (the actor died) throws ChannelClosedException
            }
        }

        /** Another handle on the same actor. */
        Counters copy() {
            return new Counters(mailbox.clone());
        }

        @Override
        public void close() {
            mailbox.close();
        }
    }

    public static void main(String[] args) throws InterruptedException {
        System.exit(run(System.out, 4, 25_000));
    }

    static int run(PrintStream out, int clients, int addsPerClient) throws InterruptedException {
        String[] keys = {"eu-west", "us-east", "ap-south"};
        AtomicLong queries = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        long started = System.nanoTime();
        try (Counters counters = Counters.start(256)) {
            for (int c = 0; c < clients; c++) {
                Counters mine = counters.copy();
                int id = c;
                Thread t = new Thread(
                        () -> {
                            try (mine) {
                                for (int i = 0; i < addsPerClient; i++) {
                                    mine.add(keys[(id + i) % keys.length], 1);
                                    if (i % 1_000 == 999) {
                                        mine.get(keys[id % keys.length]); // a question between the adds
                                        mine.depth();
                                        queries.addAndGet(2);
                                    }
                                }
                            } catch (Throwable e) {
                                failure.compareAndSet(null, e);
                            }
                        },
                        "client-" + c);
                threads.add(t);
                t.start();
            }
            for (Thread t : threads) {
                t.join();
            }
            Map<String, Long> totals = counters.drain();
            long sum = totals.values().stream().mapToLong(Long::longValue).sum();
            double ms = (System.nanoTime() - started) / 1e6;
            out.printf(
                    Locale.ROOT,
                    "actor: %d adds from %d clients in %.0f ms, %d questions answered over oneshot replies; totals %s = %d (expected %d)%n",
                    (long) clients * addsPerClient,
                    clients,
                    ms,
                    queries.get() + 1,
                    totals,
                    sum,
                    (long) clients * addsPerClient);
            if (failure.get() != null || sum != (long) clients * addsPerClient) {
                out.println("FAILED: " + (failure.get() != null ? failure.get() : "additions lost"));
                return 1;
            }
            return 0;
        }
    }
}
