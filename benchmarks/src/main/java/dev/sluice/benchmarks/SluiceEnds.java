package dev.sluice.benchmarks;

import dev.sluice.channel.Channel;
import dev.sluice.channel.ChannelBuilder;
import dev.sluice.channel.Receiver;
import dev.sluice.channel.Sender;
import java.util.ArrayList;
import java.util.List;

/**
 * A Sluice channel's handles for one {@link Shape}, one per thread as a Sluice user writes it: the
 * channel's first sender and receiver, and a {@code clone()} of them for each further producer or
 * consumer. Each thread then sends with blocking {@code send} or receives with blocking {@code recv}.
 */
final class SluiceEnds {

    private final List<Sender<DigestedMessage>> senders = new ArrayList<>();
    private final List<Receiver<DigestedMessage>> receivers = new ArrayList<>();

    SluiceEnds(Channel<DigestedMessage> channel, Shape shape) {
        senders.add(channel.sender());
        for (int p = 1; p < shape.producers; p++) {
            senders.add(channel.sender().clone());
        }
        receivers.add(channel.receiver());
        for (int c = 1; c < shape.consumers; c++) {
            receivers.add(channel.receiver().clone());
        }
    }

    /**
     * {@code builder} with the promises the shape allows: {@code singleProducer()} when one thread
     * sends, {@code singleConsumer()} when one thread receives ({@code seq}: one thread does both,
     * one call at a time, which keeps both promises).
     */
    static ChannelBuilder<DigestedMessage> specialised(ChannelBuilder<DigestedMessage> builder, Shape shape) {
        if (shape.singleProducer()) {
            builder.singleProducer();
        }
        if (shape.singleConsumer()) {
            builder.singleConsumer();
        }
        return builder;
    }

    /** Producer {@code p}'s blocking send. */
    Ends.Send send(int producer) {
        return senders.get(producer)::send;
    }

    /** Consumer {@code c}'s blocking receive. */
    Ends.Recv recv(int consumer) {
        return receivers.get(consumer)::recv;
    }

    /** Closes every handle. */
    void close() {
        senders.forEach(Sender::close);
        receivers.forEach(Receiver::close);
    }
}
