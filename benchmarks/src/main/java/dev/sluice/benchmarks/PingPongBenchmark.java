package dev.sluice.benchmarks;

import dev.sluice.channel.Channel;
import java.util.List;
import java.util.concurrent.Exchanger;
import java.util.concurrent.SynchronousQueue;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Rendezvous latency: two threads bounce one message at a time, {@value #ROUND_TRIPS} round trips
 * per invocation. The pinger sends message {@code i} through the {@code ping} queue and waits for it
 * to come back through {@code pong}; the echo receives it, checks it is message {@code i}, and sends
 * it back. The score is nanoseconds per round trip (two hand-offs, each waking a waiting thread).
 *
 * <ul>
 *   <li>{@code sluice}: two {@code Channel.rendezvous()}, blocking {@code send} / {@code recv};
 *   <li>{@code synchronousQueue}: two {@link SynchronousQueue}s (non-fair), {@code put} / {@code take};
 *   <li>{@code exchanger}: one {@link Exchanger}; a round trip is one {@code exchange}, in which each
 *       side hands over message {@code i} and gets the other's;
 *   <li>{@code kotlinChannel}: two {@code Channel(RENDEZVOUS)}, the two sides coroutines on {@code
 *       Dispatchers.Default};
 *   <li>{@code joxChannel} (JDK 21+, in {@code PingPongJdk21Benchmark}).
 * </ul>
 *
 * <p>Every invocation checks that the pinger got back every message it sent ({@link Traffic}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PingPongBenchmark {

    /** Round trips per invocation. */
    static final int ROUND_TRIPS = 5_000;

    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public void sluice(SluicePingPong traffic) throws Exception {
        traffic.run();
    }

    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public void synchronousQueue(SynchronousQueuePingPong traffic) throws Exception {
        traffic.run();
    }

    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public void exchanger(ExchangerPingPong traffic) throws Exception {
        traffic.run();
    }

    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public void kotlinChannel(KotlinPingPong traffic) throws Exception {
        traffic.run();
    }

    /** The pinger's half of a round trip: send {@code message}, return what comes back. */
    @FunctionalInterface
    interface Trip {
        DigestedMessage trip(DigestedMessage message) throws Exception;
    }

    /** The echo's half: receive the message (checking it is {@code expected}) and send it back. */
    @FunctionalInterface
    interface Echo {
        void echo(DigestedMessage expected) throws Exception;
    }

    /** The echo's check: it must receive the messages in order, each exactly once. */
    static DigestedMessage expect(DigestedMessage message, DigestedMessage expected) {
        if (message != expected) {
            throw new IllegalStateException("the echo received " + message + ", expected " + expected);
        }
        return message;
    }

    /** The setup every case of the family shares. */
    @State(Scope.Benchmark)
    public abstract static class Case extends Traffic {

        @Setup(Level.Trial)
        public final void setUp() throws Exception {
            prepare(ROUND_TRIPS, Shape.SPSC, 1);
            open();
        }

        /** Builds the queues under test and starts the pinger and the echo. */
        abstract void open() throws Exception;

        /** The workers: platform threads named after the benchmark. */
        ThreadFactory threads(String name) {
            return Crew.platformThreads("pingpong-" + name);
        }

        /** Starts a pinger and an echo that take turns through {@code trip} and {@code echo}. */
        final void startRally(Trip trip, Echo echo, String name) {
            DigestedMessage[] messages = messages();
            Crew.Task pinger = () -> {
                long sum = 0;
                for (DigestedMessage message : messages) {
                    sum += trip.trip(message).digest;
                }
                return sum;
            };
            Crew.Task echoer = () -> {
                for (DigestedMessage message : messages) {
                    echo.echo(message);
                }
                return 0;
            };
            startTasks(List.of(pinger, echoer), threads(name));
        }

        /** A rally through two queues: {@code ping} carries messages out, {@code pong} back. */
        final void startRally(
                Ends.Send pingSend, Ends.Recv pingRecv, Ends.Send pongSend, Ends.Recv pongRecv, String name) {
            startRally(
                    message -> {
                        pingSend.send(message);
                        return pongRecv.recv();
                    },
                    expected -> pongSend.send(expect(pingRecv.recv(), expected)),
                    name);
        }
    }

    @State(Scope.Benchmark)
    public static class SluicePingPong extends Case {
        private SluiceEnds ping;
        private SluiceEnds pong;

        @Override
        void open() {
            ping = new SluiceEnds(Channel.rendezvous(), Shape.SPSC);
            pong = new SluiceEnds(Channel.rendezvous(), Shape.SPSC);
            startRally(ping.send(0), ping.recv(0), pong.send(0), pong.recv(0), "sluice");
        }

        @Override
        void release() {
            ping.close();
            pong.close();
        }
    }

    @State(Scope.Benchmark)
    public static class SynchronousQueuePingPong extends Case {
        @Override
        void open() {
            SynchronousQueue<DigestedMessage> ping = new SynchronousQueue<>();
            SynchronousQueue<DigestedMessage> pong = new SynchronousQueue<>();
            startRally(ping::put, ping::take, pong::put, pong::take, "synchronousQueue");
        }
    }

    @State(Scope.Benchmark)
    public static class ExchangerPingPong extends Case {
        @Override
        void open() {
            Exchanger<DigestedMessage> exchanger = new Exchanger<>();
            startRally(exchanger::exchange, expected -> expect(exchanger.exchange(expected), expected), "exchanger");
        }
    }

    @State(Scope.Benchmark)
    public static class KotlinPingPong extends Case {
        private kotlinx.coroutines.channels.Channel<DigestedMessage> ping;
        private kotlinx.coroutines.channels.Channel<DigestedMessage> pong;

        @Override
        void open() {
            ping = KotlinChannels.rendezvousChannel();
            pong = KotlinChannels.rendezvousChannel();
        }

        @Override
        long move() {
            return KotlinChannels.pingPong(ping, pong, messages());
        }

        @Override
        void release() {
            KotlinChannels.close(ping);
            KotlinChannels.close(pong);
        }
    }
}
