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
 * The {@link BoundedBenchmark} cases whose anchor needs JDK 21+ (same parameters, same harness; the
 * report merges this class into the {@code Bounded} family):
 *
 * <ul>
 *   <li>{@code joxChannel}: jox {@code Channel.newBufferedChannel(capacity)}, blocking {@code send} /
 *       {@code receive}, on platform threads like every other case of the family.
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BoundedJdk21Benchmark {

    @Benchmark
    @OperationsPerInvocation(BoundedBenchmark.MESSAGES)
    public void joxChannel(JoxTraffic traffic) throws Exception {
        traffic.run();
    }

    @State(Scope.Benchmark)
    public static class JoxTraffic extends BoundedBenchmark.Case {
        @Override
        void open() {
            Channel<DigestedMessage> channel = Channel.newBufferedChannel(capacity);
            startThreads(p -> channel::send, c -> channel::receive, threads("joxChannel"));
        }
    }
}
