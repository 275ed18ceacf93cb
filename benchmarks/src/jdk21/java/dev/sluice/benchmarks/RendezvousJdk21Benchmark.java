package dev.sluice.benchmarks;

import com.softwaremill.jox.Channel;
import java.util.concurrent.ThreadFactory;
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
 * The {@link RendezvousBenchmark} cases that need JDK 21+ (same parameters, same harness; the report
 * merges this class into the {@code Rendezvous} family):
 *
 * <ul>
 *   <li>{@code joxChannel}: jox {@code Channel.newRendezvousChannel()}, blocking {@code send} / {@code
 *       receive}, on platform threads like the family's other cases;
 *   <li>{@code sluiceVirtual}: {@code Channel.rendezvous()} with every producer and consumer on a
 *       virtual thread: the case PERFORMANCE.md compares with Go's unbuffered channel;
 *   <li>{@code synchronousQueueVirtual}, {@code joxChannelVirtual}: the anchors on virtual threads.
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RendezvousJdk21Benchmark {

    @Benchmark
    @OperationsPerInvocation(RendezvousBenchmark.MESSAGES)
    public void joxChannel(JoxTraffic traffic) throws Exception {
        traffic.run();
    }

    @Benchmark
    @OperationsPerInvocation(RendezvousBenchmark.MESSAGES)
    public void sluiceVirtual(SluiceVirtual traffic) throws Exception {
        traffic.run();
    }

    @Benchmark
    @OperationsPerInvocation(RendezvousBenchmark.MESSAGES)
    public void synchronousQueueVirtual(SynchronousQueueVirtual traffic) throws Exception {
        traffic.run();
    }

    @Benchmark
    @OperationsPerInvocation(RendezvousBenchmark.MESSAGES)
    public void joxChannelVirtual(JoxVirtual traffic) throws Exception {
        traffic.run();
    }

    @State(Scope.Benchmark)
    public static class JoxTraffic extends RendezvousBenchmark.Case {
        @Override
        void open() {
            Channel<DigestedMessage> channel = Channel.newRendezvousChannel();
            startThreads(p -> channel::send, c -> channel::receive, threads("joxChannel"));
        }
    }

    @State(Scope.Benchmark)
    public static class SluiceVirtual extends RendezvousBenchmark.SluiceRendezvous {
        @Override
        ThreadFactory threads(String name) {
            return VirtualThreads.named("rendezvous-" + name + "Virtual");
        }
    }

    @State(Scope.Benchmark)
    public static class SynchronousQueueVirtual extends RendezvousBenchmark.SynchronousQueueTraffic {
        @Override
        ThreadFactory threads(String name) {
            return VirtualThreads.named("rendezvous-" + name + "Virtual");
        }
    }

    @State(Scope.Benchmark)
    public static class JoxVirtual extends JoxTraffic {
        @Override
        ThreadFactory threads(String name) {
            return VirtualThreads.named("rendezvous-" + name + "Virtual");
        }
    }
}
