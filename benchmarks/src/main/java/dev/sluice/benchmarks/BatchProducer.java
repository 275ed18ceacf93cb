package dev.sluice.benchmarks;

import java.util.concurrent.Semaphore;

/**
 * A producer thread for fixed-count benchmarks: each {@link #produce()} makes it send one batch of
 * messages with a plain blocking call, while the benchmark thread receives that batch. Because both
 * sides move exactly one batch per invocation, neither is left waiting when JMH ends an iteration, so
 * the untimed {@code put} / {@code take} and {@code send} / {@code recv} can be measured as they are.
 */
final class BatchProducer {

    /** One blocking send of the preallocated message. */
    interface BlockingSend {
        void send() throws InterruptedException;
    }

    private final Semaphore go = new Semaphore(0);
    private final Thread thread;
    private volatile Throwable failure;

    BatchProducer(String name, int batch, BlockingSend send, Runnable onFailure) {
        thread = new Thread(
                () -> {
                    try {
                        while (true) {
                            go.acquire();
                            for (int i = 0; i < batch; i++) {
                                send.send();
                            }
                        }
                    } catch (InterruptedException e) {
                        // stop() ends the thread
                    } catch (Throwable t) {
                        failure = t;
                        onFailure.run(); // lets the receiving side fail instead of waiting forever
                    }
                },
                name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts one batch. Never waits: a batch asked for early starts when the previous one is sent. */
    void produce() {
        go.release();
    }

    /** Ends the thread and reports a failure it met. */
    void stop() throws InterruptedException {
        thread.interrupt();
        thread.join();
        if (failure != null) {
            throw new IllegalStateException("the producer failed", failure);
        }
    }
}
