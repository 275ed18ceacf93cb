package dev.sluice.tck;

import dev.sluice.channel.testing.ChannelFlavor;

/** {@link ChannelFlowProcessorVerification} of the {@link ChannelFlavor#SPSC} flavor. */
public class SpscFlowProcessorTck extends ChannelFlowProcessorVerification {
    public SpscFlowProcessorTck() {
        super(ChannelFlavor.SPSC);
    }
}
