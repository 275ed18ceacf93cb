package dev.sluice.tck;

import dev.sluice.channel.testing.ChannelFlavor;

/** {@link ChannelFlowablePublisherVerification} of the {@link ChannelFlavor#SPSC} flavor. */
public class SpscChannelFlowableTck extends ChannelFlowablePublisherVerification {
    public SpscChannelFlowableTck() {
        super(ChannelFlavor.SPSC);
    }
}
