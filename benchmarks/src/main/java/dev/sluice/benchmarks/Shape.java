package dev.sluice.benchmarks;

/**
 * Who sends and who receives, after crossbeam-channel's benchmark suite, with T = {@value #THREADS}
 * threads where it applies. The {@code shape} parameter of the throughput families names one.
 */
enum Shape {
    /** One thread sends a batch, then receives it, over and over (no other thread). */
    SEQ(1, 1),
    /** One producer thread, one consumer thread. */
    SPSC(1, 1),
    /** {@value #THREADS} producer threads, one consumer thread. */
    MPSC(Shape.THREADS, 1),
    /** {@value #THREADS} producer threads, {@value #THREADS} consumer threads. */
    MPMC(Shape.THREADS, Shape.THREADS);

    /** T: the producers of {@code mpsc} and {@code mpmc}, and the consumers of {@code mpmc}. */
    static final int THREADS = 4;

    final int producers;
    final int consumers;

    Shape(int producers, int consumers) {
        this.producers = producers;
        this.consumers = consumers;
    }

    /** The shape a {@code shape} parameter names: {@code seq}, {@code spsc}, {@code mpsc} or {@code mpmc}. */
    static Shape of(String name) {
        for (Shape shape : values()) {
            if (shape.name().equalsIgnoreCase(name)) {
                return shape;
            }
        }
        throw new IllegalArgumentException("unknown shape: " + name + " (seq, spsc, mpsc or mpmc)");
    }

    /** Whether one producer thread sends (so a single-producer channel fits). */
    boolean singleProducer() {
        return producers == 1;
    }

    /** Whether one consumer thread receives (so a single-consumer channel fits). */
    boolean singleConsumer() {
        return consumers == 1;
    }
}
