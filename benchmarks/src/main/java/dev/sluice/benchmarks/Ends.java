package dev.sluice.benchmarks;

import org.jctools.queues.MessagePassingQueue;

/**
 * The two ends of a queue under test as one producer or consumer thread uses them: a blocking send
 * and a blocking receive. Each is a method reference to the queue's own call ({@code tx::send},
 * {@code queue::put}, {@code rx::recv}, {@code queue::take}, ...), so a fork, which runs one
 * benchmark, sees one implementation at each call site and inlines it.
 */
final class Ends {

    private Ends() {}

    /** Sends one message, waiting while the queue is full. */
    @FunctionalInterface
    interface Send {
        void send(DigestedMessage message) throws Exception;
    }

    /** Receives one message, waiting while the queue is empty. */
    @FunctionalInterface
    interface Recv {
        DigestedMessage recv() throws Exception;
    }

    /** {@code offer} in a busy-spin loop ({@link Thread#onSpinWait()}): no parking, ever. */
    static Send spinOffer(MessagePassingQueue<DigestedMessage> queue) {
        return message -> {
            while (!queue.offer(message)) {
                spinWait();
            }
        };
    }

    /** {@code poll} in a busy-spin loop ({@link Thread#onSpinWait()}): no parking, ever. */
    static Recv spinPoll(MessagePassingQueue<DigestedMessage> queue) {
        return () -> {
            DigestedMessage message;
            while ((message = queue.poll()) == null) {
                spinWait();
            }
            return message;
        };
    }

    /** One turn of a spin loop; an interrupt (from {@link Crew#close()}) ends it. */
    private static void spinWait() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        Thread.onSpinWait();
    }
}
