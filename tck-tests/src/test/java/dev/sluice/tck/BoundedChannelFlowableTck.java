package dev.sluice.tck;

import dev.sluice.channel.testing.ChannelFlavor;

/** {@link ChannelFlowablePublisherVerification} of the {@link ChannelFlavor#BOUNDED} flavor. */
public class BoundedChannelFlowableTck extends ChannelFlowablePublisherVerification {
    public BoundedChannelFlowableTck() {
        super(ChannelFlavor.BOUNDED);
    }
}
