package dev.sluice.tck;

import dev.sluice.channel.testing.ChannelFlavor;
import org.reactivestreams.Subscriber;
import org.reactivestreams.tck.SubscriberBlackboxVerification;

/**
 * {@link SubscriberBlackboxVerification} of a {@code Sender} (rule R4), as is: the channel's
 * receiver stays open and takes nothing, so the sender requests exactly the free slots it reserved
 * (one element at a time for a rendezvous channel).
 */
public abstract class SenderBlackboxVerification extends SubscriberBlackboxVerification<Integer> {
    private final ChannelFlavor flavor;

    protected SenderBlackboxVerification(ChannelFlavor flavor) {
        super(Tck.env());
        this.flavor = flavor;
    }

    @Override
    public Subscriber<Integer> createSubscriber() {
        return flavor.<Integer>create(Tck.capacity(flavor)).sender();
    }

    @Override
    public Integer createElement(int element) {
        return element;
    }
}
