package dev.sluice.benchmarks;

import dev.sluice.channel.Channel;
import dev.sluice.channel.Oneshot;
import dev.sluice.channel.Receiver;
import dev.sluice.channel.Select;
import dev.sluice.channel.Sender;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * Select and oneshot beside their anchors, in jox's harness: every invocation starts fresh virtual
 * threads, which block, and joins them.
 *
 * <ul>
 *   <li>{@code sluiceSelect} / {@code joxSelect} / {@code kotlinSelect}: {@code clauses} producers (1
 *       or 2) each send their share of {@value #MESSAGES} messages into their own rendezvous channel;
 *       one consumer receives them all with a select over every channel ({@code Select} with a
 *       receive clause per channel; jox's {@code Select.select(receiveClause()...)}; Kotlin's {@code
 *       select { onReceive }}, in coroutines on {@code Dispatchers.Default}).
 *   <li>{@code oneshotRoundTrip} / {@code futureRoundTrip}: a client sends {@value #ROUND_TRIPS}
 *       requests, one at a time, through a {@code Channel.bounded(16)} to a server, each carrying its
 *       reply: a {@link Oneshot} the client awaits, or a {@link CompletableFuture} it joins. The
 *       request channel is the same; only the reply differs.
 * </ul>
 *
 * <p>The score is messages (round trips) per µs. Each invocation checks the digests (or the replies)
 * received.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class SelectJdk21Benchmark {
    static final int MESSAGES = 200_000;
    static final int ROUND_TRIPS = 100_000;

    /** The numbered messages of one invocation, and the digest sum the receiving side must reach. */
    @State(Scope.Benchmark)
    public static class Messages {
        DigestedMessage[] messages;
        long digestSum;

        @Setup
        public void setUp() {
            messages = DigestedMessage.numbered(MESSAGES);
            digestSum = DigestedMessage.digestSum(messages);
        }

        void check(long sum) {
            if (sum != digestSum) {
                throw new IllegalStateException("received digests " + sum + ", expected " + digestSum);
            }
        }
    }

    /** The messages, and how many channels (receive clauses) they are spread over. */
    @State(Scope.Benchmark)
    public static class Clauses extends Messages {
        @Param({"1", "2"})
        int clauses;
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void sluiceSelect(Clauses c) throws Exception {
        List<Channel<DigestedMessage>> channels = new ArrayList<>();
        for (int i = 0; i < c.clauses; i++) {
            channels.add(Channel.rendezvous());
        }
        int each = MESSAGES / c.clauses;
        List<Thread> producers = new ArrayList<>();
        for (int i = 0; i < c.clauses; i++) {
            Sender<DigestedMessage> tx = channels.get(i).sender();
            int from = i * each;
            producers.add(Thread.startVirtualThread(() -> {
                try {
                    for (int k = from; k < from + each; k++) {
                        tx.send(c.messages[k]);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        AtomicLong sum = new AtomicLong();
        Thread consumer = Thread.startVirtualThread(() -> {
            Select sel = Select.create();
            for (Channel<DigestedMessage> ch : channels) {
                Receiver<DigestedMessage> rx = ch.receiver();
                sel.receive(rx);
            }
            long s = 0;
            try {
                for (int k = 0; k < each * c.clauses; k++) {
                    s += sel.select().<DigestedMessage>value().digest;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                // every message was received, so every send returned: close both ends here (a
                // producer closing its sender early would make its clause fire as closed)
                for (Channel<DigestedMessage> ch : channels) {
                    ch.sender().close();
                    ch.receiver().close();
                }
            }
            sum.set(s);
        });
        joinAll(producers, consumer);
        c.check(sum.get());
    }

    /**
     * The baseline of the select rows: the same harness and messages through one rendezvous channel,
     * received with a plain {@code recv} instead of a 1-clause select.
     */
    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void sluiceRecv(Messages p) throws Exception {
        Channel<DigestedMessage> ch = Channel.rendezvous();
        Sender<DigestedMessage> tx = ch.sender();
        Thread producer = Thread.startVirtualThread(() -> {
            try (tx) {
                for (int k = 0; k < MESSAGES; k++) {
                    tx.send(p.messages[k]);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Receiver<DigestedMessage> rx = ch.receiver();
        AtomicLong sum = new AtomicLong();
        Thread consumer = Thread.startVirtualThread(() -> {
            long s = 0;
            try (rx) {
                for (int k = 0; k < MESSAGES; k++) {
                    s += rx.recv().digest;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sum.set(s);
        });
        joinAll(List.of(producer), consumer);
        p.check(sum.get());
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void joxSelect(Clauses c) throws Exception {
        List<com.softwaremill.jox.Channel<DigestedMessage>> channels = new ArrayList<>();
        for (int i = 0; i < c.clauses; i++) {
            channels.add(com.softwaremill.jox.Channel.newRendezvousChannel());
        }
        int each = MESSAGES / c.clauses;
        List<Thread> producers = new ArrayList<>();
        for (int i = 0; i < c.clauses; i++) {
            com.softwaremill.jox.Channel<DigestedMessage> ch = channels.get(i);
            int from = i * each;
            producers.add(Thread.startVirtualThread(() -> {
                try {
                    for (int k = from; k < from + each; k++) {
                        ch.send(c.messages[k]);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        AtomicLong sum = new AtomicLong();
        Thread consumer = Thread.startVirtualThread(() -> {
            long s = 0;
            try {
                for (int k = 0; k < each * c.clauses; k++) {
                    DigestedMessage m = c.clauses == 1
                            ? com.softwaremill.jox.Select.select(channels.get(0).receiveClause())
                            : com.softwaremill.jox.Select.select(
                                    channels.get(0).receiveClause(),
                                    channels.get(1).receiveClause());
                    s += m.digest;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sum.set(s);
        });
        joinAll(producers, consumer);
        c.check(sum.get());
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void kotlinSelect(Clauses c) {
        c.check(KotlinChannels.selectReceive(c.messages, c.clauses));
    }

    private static void joinAll(List<Thread> producers, Thread consumer) throws InterruptedException {
        for (Thread t : producers) {
            t.join();
        }
        consumer.join();
    }

    // ---- request/response ---------------------------------------------------------------------------

    /** A request: its number, and how to reply. */
    record Request(int number, Consumer<Integer> reply) {}

    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public void oneshotRoundTrip() throws Exception {
        roundTrips(number -> {
            Oneshot<Integer> reply = Oneshot.create();
            return new Pending(new Request(number, reply.sender()::send), () -> reply.receiver()
                    .await());
        });
    }

    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public void futureRoundTrip() throws Exception {
        roundTrips(number -> {
            CompletableFuture<Integer> reply = new CompletableFuture<>();
            return new Pending(new Request(number, reply::complete), reply::join);
        });
    }

    /** A request about to be sent, and how its client waits for the reply. */
    record Pending(Request request, Await await) {}

    interface Await {
        Integer get() throws InterruptedException;
    }

    interface Asking {
        Pending ask(int number);
    }

    /** A server that replies {@code number + 1}; a client that asks {@value #ROUND_TRIPS} times. */
    private static void roundTrips(Asking asking) throws Exception {
        Channel<Request> requests = Channel.bounded(16);
        Receiver<Request> rx = requests.receiver();
        Thread server = Thread.startVirtualThread(() -> {
            try (rx) {
                for (Request r : rx) {
                    r.reply().accept(r.number() + 1);
                }
            }
        });
        Sender<Request> tx = requests.sender();
        AtomicLong wrong = new AtomicLong();
        Thread client = Thread.startVirtualThread(() -> {
            try (tx) {
                for (int i = 0; i < ROUND_TRIPS; i++) {
                    Pending p = asking.ask(i);
                    tx.send(p.request());
                    if (p.await().get() != i + 1) {
                        wrong.incrementAndGet();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        client.join();
        server.join();
        if (wrong.get() != 0) {
            throw new IllegalStateException(wrong.get() + " wrong replies");
        }
    }
}
