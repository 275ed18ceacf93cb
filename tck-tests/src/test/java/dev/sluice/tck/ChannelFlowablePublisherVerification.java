package dev.sluice.tck;

import dev.sluice.channel.testing.ChannelFlavor;
import dev.sluice.rxjava.ChannelFlowable;
import org.reactivestreams.Publisher;
import org.reactivestreams.tck.PublisherVerification;
import org.testng.annotations.Listeners;

/**
 * {@link PublisherVerification} of the RxJava bridge's {@code Flowable} view of a receiver ({@code
 * ChannelFlowable.from(rx)}, rule B3), over the same receivers as {@link ReceiverPublisherVerification}.
 * The TCK's subscribers do not fuse, so this checks the view's own subscription and its hand-over
 * to the channel's; the fused path is covered by the bridge's own tests.
 */
@Listeners(ProducerLeaks.class)
public abstract class ChannelFlowablePublisherVerification extends PublisherVerification<Integer> {
    private final ChannelFlavor flavor;

    protected ChannelFlowablePublisherVerification(ChannelFlavor flavor) {
        super(Tck.env(), Tck.gcTimeoutMillis());
        this.flavor = flavor;
    }

    @Override
    public Publisher<Integer> createPublisher(long elements) {
        return ChannelFlowable.from(ReceiverPublishers.finite(flavor, elements));
    }

    @Override
    public Publisher<Integer> createFailedPublisher() {
        return ChannelFlowable.from(ReceiverPublishers.failed(flavor));
    }
}
