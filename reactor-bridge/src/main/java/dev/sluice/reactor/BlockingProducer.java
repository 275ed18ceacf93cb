package dev.sluice.reactor;

import dev.sluice.channel.Sender;

/**
 * Blocking code that produces the elements of {@link ChannelFlux#produce}: it sends with {@link
 * Sender#send}, which waits while the stream's subscriber is behind. Returning completes the stream;
 * throwing fails it with what was thrown. When the stream is cancelled, the next {@code send} throws
 * {@code ChannelClosedException}, which ends the producer quietly. To produce from several threads,
 * give each one {@code sender.clone()} (and close it when that thread is done).
 *
 * @param <T> the element type
 */
@FunctionalInterface
public interface BlockingProducer<T> {
    /** Produces the stream's elements through {@code sender}; it is closed after this returns. */
    void produce(Sender<T> sender) throws Exception;
}
