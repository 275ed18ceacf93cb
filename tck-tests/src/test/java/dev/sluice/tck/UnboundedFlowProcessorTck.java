package dev.sluice.tck;

import dev.sluice.channel.testing.ChannelFlavor;

/** {@link ChannelFlowProcessorVerification} of the {@link ChannelFlavor#UNBOUNDED} flavor. */
public class UnboundedFlowProcessorTck extends ChannelFlowProcessorVerification {
    public UnboundedFlowProcessorTck() {
        super(ChannelFlavor.UNBOUNDED);
    }
}
