package dev.sluice.tck;

import dev.sluice.channel.testing.ChannelFlavor;
import java.util.concurrent.Flow;
import org.reactivestreams.tck.flow.FlowSubscriberWhiteboxVerification;

/** {@link SenderWhiteboxVerification}'s twin for {@code Sender.asFlowSubscriber()} (rule R6). */
public abstract class SenderFlowWhiteboxVerification extends FlowSubscriberWhiteboxVerification<Integer> {
    private final ChannelFlavor flavor;

    protected SenderFlowWhiteboxVerification(ChannelFlavor flavor) {
        super(Tck.env());
        this.flavor = flavor;
    }

    @Override
    protected Flow.Subscriber<Integer> createFlowSubscriber(WhiteboxSubscriberProbe<Integer> probe) {
        return new ProbingFlowSender(flavor.create(Tck.capacity(flavor)), probe);
    }

    @Override
    public Integer createElement(int element) {
        return element;
    }
}
