package dev.sluice.benchmarks.report;

/**
 * The JVM a result was measured on, as JMH records it ({@code jdkVersion}, {@code vmName}, {@code
 * vmVersion}). Results of different JVMs are never compared with each other: a ratio is only worth
 * quoting between rows of the same run.
 */
public record Jdk(String version, String vmName, String vmVersion) {

    /** The short name a table row carries when a report mixes JVMs: {@code 17.0.15}. */
    public String label() {
        return version;
    }

    /** The full description for the report's header. */
    public String describe() {
        return "JDK " + version + " (" + vmName + ", " + vmVersion + ")";
    }
}
