package dev.sluice.tck;

import java.util.concurrent.Flow;
import org.reactivestreams.tck.flow.FlowSubscriberBlackboxVerification;

/** {@link SenderBlackboxVerification}'s twin for {@code Sender.asFlowSubscriber()} (rule R6). */
public abstract class SenderFlowBlackboxVerification extends FlowSubscriberBlackboxVerification<Integer> {
    private final Flavor flavor;

    protected SenderFlowBlackboxVerification(Flavor flavor) {
        super(Tck.env());
        this.flavor = flavor;
    }

    @Override
    public Flow.Subscriber<Integer> createFlowSubscriber() {
        return flavor.<Integer>create(flavor.tckCapacity()).sender().asFlowSubscriber();
    }

    @Override
    public Integer createElement(int element) {
        return element;
    }
}
