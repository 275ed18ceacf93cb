package dev.sluice.tck;

import java.util.concurrent.Flow;
import org.reactivestreams.tck.flow.FlowSubscriberWhiteboxVerification;

/** {@link SenderWhiteboxVerification}'s twin for {@code Sender.asFlowSubscriber()} (rule R6). */
public abstract class SenderFlowWhiteboxVerification extends FlowSubscriberWhiteboxVerification<Integer> {
    private final Flavor flavor;

    protected SenderFlowWhiteboxVerification(Flavor flavor) {
        super(Tck.env());
        this.flavor = flavor;
    }

    @Override
    protected Flow.Subscriber<Integer> createFlowSubscriber(WhiteboxSubscriberProbe<Integer> probe) {
        return new ProbingFlowSender(flavor.create(flavor.tckCapacity()), probe);
    }

    @Override
    public Integer createElement(int element) {
        return element;
    }
}
