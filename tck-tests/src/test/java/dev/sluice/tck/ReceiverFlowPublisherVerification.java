package dev.sluice.tck;

import dev.sluice.channel.testing.ChannelFlavor;
import java.util.concurrent.Flow;
import org.reactivestreams.tck.flow.FlowPublisherVerification;
import org.testng.annotations.Listeners;

/** {@link ReceiverPublisherVerification}'s twin for {@code Receiver.asFlowPublisher()} (rule R6). */
@Listeners(ProducerLeaks.class)
public abstract class ReceiverFlowPublisherVerification extends FlowPublisherVerification<Integer> {
    private final ChannelFlavor flavor;

    protected ReceiverFlowPublisherVerification(ChannelFlavor flavor) {
        super(Tck.env(), Tck.gcTimeoutMillis());
        this.flavor = flavor;
    }

    @Override
    public Flow.Publisher<Integer> createFlowPublisher(long elements) {
        return ReceiverPublishers.finite(flavor, elements).asFlowPublisher();
    }

    @Override
    public Flow.Publisher<Integer> createFailedFlowPublisher() {
        return ReceiverPublishers.failed(flavor).asFlowPublisher();
    }
}
