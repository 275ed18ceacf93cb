package dev.sluice.benchmarks;

import com.softwaremill.jox.Channel;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The {@link PingPongBenchmark} case whose anchor needs JDK 21+ (same harness; the report merges
 * this class into the {@code PingPong} family):
 *
 * <ul>
 *   <li>{@code joxChannel}: two jox {@code Channel.newRendezvousChannel()}, blocking {@code send} /
 *       {@code receive}, on platform threads like the family's other cases.
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PingPongJdk21Benchmark {

    @Benchmark
    @OperationsPerInvocation(PingPongBenchmark.ROUND_TRIPS)
    public void joxChannel(JoxPingPong traffic) throws Exception {
        traffic.run();
    }

    @State(Scope.Benchmark)
    public static class JoxPingPong extends PingPongBenchmark.Case {
        @Override
        void open() {
            Channel<DigestedMessage> ping = Channel.newRendezvousChannel();
            Channel<DigestedMessage> pong = Channel.newRendezvousChannel();
            startRally(ping::send, ping::receive, pong::send, pong::receive, "joxChannel");
        }
    }
}
