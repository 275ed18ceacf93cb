package dev.sluice.tck;

import dev.sluice.channel.testing.ChannelFlavor;
import org.reactivestreams.Subscriber;
import org.reactivestreams.tck.SubscriberWhiteboxVerification;

/** {@link SubscriberWhiteboxVerification} of a {@code Sender} (rule R4), through {@link ProbingSender}. */
public abstract class SenderWhiteboxVerification extends SubscriberWhiteboxVerification<Integer> {
    private final ChannelFlavor flavor;

    protected SenderWhiteboxVerification(ChannelFlavor flavor) {
        super(Tck.env());
        this.flavor = flavor;
    }

    @Override
    public Subscriber<Integer> createSubscriber(WhiteboxSubscriberProbe<Integer> probe) {
        return new ProbingSender(flavor.create(Tck.capacity(flavor)), probe);
    }

    @Override
    public Integer createElement(int element) {
        return element;
    }
}
