package dev.sluice.tck;

import dev.sluice.channel.testing.ChannelFlavor;

/** {@link ReceiverPublisherVerification} of the {@link ChannelFlavor#BOUNDED} flavor. */
public class BoundedPublisherTck extends ReceiverPublisherVerification {
    public BoundedPublisherTck() {
        super(ChannelFlavor.BOUNDED);
    }
}
