package dev.sluice.tck;

import org.reactivestreams.Subscriber;
import org.reactivestreams.tck.SubscriberWhiteboxVerification;

/** {@link SubscriberWhiteboxVerification} of a {@code Sender} (rule R4), through {@link ProbingSender}. */
public abstract class SenderWhiteboxVerification extends SubscriberWhiteboxVerification<Integer> {
    private final Flavor flavor;

    protected SenderWhiteboxVerification(Flavor flavor) {
        super(Tck.env());
        this.flavor = flavor;
    }

    @Override
    public Subscriber<Integer> createSubscriber(WhiteboxSubscriberProbe<Integer> probe) {
        return new ProbingSender(flavor.create(flavor.tckCapacity()), probe);
    }

    @Override
    public Integer createElement(int element) {
        return element;
    }
}
