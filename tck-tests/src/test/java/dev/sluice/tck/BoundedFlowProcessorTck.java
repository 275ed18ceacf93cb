package dev.sluice.tck;

import dev.sluice.channel.testing.ChannelFlavor;

/** {@link ChannelFlowProcessorVerification} of the {@link ChannelFlavor#BOUNDED} flavor. */
public class BoundedFlowProcessorTck extends ChannelFlowProcessorVerification {
    public BoundedFlowProcessorTck() {
        super(ChannelFlavor.BOUNDED);
    }
}
