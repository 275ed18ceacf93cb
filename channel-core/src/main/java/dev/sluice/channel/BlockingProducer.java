package dev.sluice.channel;

import org.jspecify.annotations.Nullable;

/**
 * Blocking code that produces a stream's elements through a sender: the body of the bridges'
 * one-call producers ({@code ChannelFlux.produce}, {@code ChannelFlowable.produce}), and of any
 * thread a user starts to fill a channel. It sends with {@link Sender#send}, which waits while the
 * consumers are behind. Returning completes the stream; throwing fails it with what was thrown. When
 * the consumers go away (the stream is cancelled), the next {@code send} throws {@link
 * ChannelClosedException}, which ends the producer quietly. To produce from several threads, give
 * each one {@code sender.clone()} (and close it when that thread is done).
 *
 * @param <T> the element type
 */
@FunctionalInterface
public interface BlockingProducer<T> {
    /**
     * Produces the stream's elements through {@code sender}; it is closed after this returns.
     *
     * @param sender the handle to send the elements through
     * @throws Exception if producing failed: the stream fails with it (a {@link
     *     ChannelClosedException} from a send, once the consumers went away, ends the producer
     *     quietly instead)
     */
    void produce(Sender<T> sender) throws Exception;

    /**
     * Runs this producer on the calling thread with {@code tx}, then ends the handle as the outcome
     * says: returning closes it (the stream completes once every sender closed and the buffer
     * drained); a {@link ChannelClosedException} (the consumers went away, or the channel was failed)
     * closes it quietly; anything else thrown fails the channel with it (S5), so the consumers get it
     * after the drain.
     *
     * @param tx the handle to produce through; it is closed when this returns
     * @return what the producer threw, if no consumer can see it any more (the channel was already
     *     closed, as by a cancel, or the producer closed its own handle first), for the caller to
     *     report where its library reports undeliverable errors; {@code null} otherwise
     */
    default @Nullable Throwable runWith(Sender<T> tx) {
        try {
            produce(tx);
            tx.close();
            return null;
        } catch (ChannelClosedException consumersGone) {
            tx.close();
            return null;
        } catch (Throwable failure) {
            if (!tx.isHandleClosed() && tx.fail(failure)) {
                return null; // delivered: the consumers see it after the drain
            }
            tx.close();
            return failure;
        }
    }
}
