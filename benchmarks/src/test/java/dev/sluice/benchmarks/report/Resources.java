package dev.sluice.benchmarks.report;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** The JMH result files kept as test resources beside these tests. */
final class Resources {

    /**
     * Real JMH output, trimmed to three results: {@code java -jar benchmarks/target/benchmarks.jar
     * "SpscThroughputBenchmark.channelBlocking|AllocationBenchmark" -f 1 -wi 0 -i 1 -w 200ms -r 200ms
     * -prof gc -rf json} on JDK 17.0.15.
     */
    static final String REAL_GC = "jmh-real-gc.json";

    /** Hand-made results of every family on JDK 21.0.5, in JMH's format, with the anchors. */
    static final String FAMILIES_JDK21 = "families-jdk21.json";

    /** Hand-made results of the Bounded and PingPong families on JDK 17.0.15. */
    static final String FAMILIES_JDK17 = "families-jdk17.json";

    /** A hand-made {@code -prof gc} run of Bounded capacity=1024 and AllocationBenchmark on JDK 21.0.5. */
    static final String BOUNDED_GC_JDK21 = "bounded-gc-jdk21.json";

    private Resources() {}

    static Path path(String name) {
        URL url = Resources.class.getResource(name);
        if (url == null) {
            throw new IllegalArgumentException("no test resource " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
