package dev.sluice.examples;

import dev.sluice.channel.Channel;
import dev.sluice.channel.Receiver;
import dev.sluice.channel.Sender;

/**
 * The README's quick start, as a program: one producer thread sends three messages through a bounded
 * channel, and the main thread receives them until the channel is closed and drained.
 *
 * <p>The region between the {@code tag::quickstart} comments is the README's code block, character
 * for character (after removing the common indentation); {@code QuickStartTest} checks that the two
 * stay identical and that this program prints what the README promises.
 */
public final class QuickStart {

    private QuickStart() {}

    public static void main(String[] args) throws InterruptedException {
        // tag::quickstart[]
        Channel<String> channel = Channel.bounded(16); // many producers, many consumers, FIFO
        Sender<String> tx = channel.sender();
        Receiver<String> rx = channel.receiver();

        Sender<String> mine = tx.clone(); // one sender handle per producer
        Thread producer = new Thread(() -> {
            try (mine) {
                for (int i = 1; i <= 3; i++) {
                    mine.send("message " + i); // waits while the channel is full
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        producer.start();
        tx.close(); // now the producer's handle is the last sender

        for (String message : rx) { // ends once every sender is closed and the buffer is drained
            System.out.println(message);
        }
        producer.join();
        // end::quickstart[]
    }
}
