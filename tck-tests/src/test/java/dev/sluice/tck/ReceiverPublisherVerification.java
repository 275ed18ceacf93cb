package dev.sluice.tck;

import dev.sluice.channel.testing.ChannelFlavor;
import org.reactivestreams.Publisher;
import org.reactivestreams.tck.PublisherVerification;
import org.testng.annotations.Listeners;

/**
 * {@link PublisherVerification} of a {@code Receiver} (rules R1-R3): {@code createPublisher(n)} is
 * a receiver whose producer sends {@code n} elements and then closes its sender (see {@link
 * ReceiverPublishers}); {@code createFailedPublisher()} is the receiver of a channel failed with a
 * cause.
 */
@Listeners(ProducerLeaks.class)
public abstract class ReceiverPublisherVerification extends PublisherVerification<Integer> {
    private final ChannelFlavor flavor;

    protected ReceiverPublisherVerification(ChannelFlavor flavor) {
        super(Tck.env(), Tck.gcTimeoutMillis());
        this.flavor = flavor;
    }

    @Override
    public Publisher<Integer> createPublisher(long elements) {
        return ReceiverPublishers.finite(flavor, elements);
    }

    @Override
    public Publisher<Integer> createFailedPublisher() {
        return ReceiverPublishers.failed(flavor);
    }
}
