package dev.sluice.tck;

import dev.sluice.channel.testing.ChannelFlavor;
import java.util.concurrent.Flow;
import org.reactivestreams.tck.flow.FlowSubscriberBlackboxVerification;

/** {@link SenderBlackboxVerification}'s twin for {@code Sender.asFlowSubscriber()} (rule R6). */
public abstract class SenderFlowBlackboxVerification extends FlowSubscriberBlackboxVerification<Integer> {
    private final ChannelFlavor flavor;

    protected SenderFlowBlackboxVerification(ChannelFlavor flavor) {
        super(Tck.env());
        this.flavor = flavor;
    }

    @Override
    public Flow.Subscriber<Integer> createFlowSubscriber() {
        return flavor.<Integer>create(Tck.capacity(flavor)).sender().asFlowSubscriber();
    }

    @Override
    public Integer createElement(int element) {
        return element;
    }
}
