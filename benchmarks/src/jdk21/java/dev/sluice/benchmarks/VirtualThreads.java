package dev.sluice.benchmarks;

import java.util.concurrent.ThreadFactory;

/** The workers of the virtual-thread cases (JDK 21+). */
final class VirtualThreads {

    private VirtualThreads() {}

    /** Virtual threads named {@code name-0}, {@code name-1}, ... (always daemon). */
    static ThreadFactory named(String name) {
        return Thread.ofVirtual().name(name + "-", 0).factory();
    }
}
