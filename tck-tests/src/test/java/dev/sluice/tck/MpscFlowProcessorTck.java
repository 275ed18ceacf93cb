package dev.sluice.tck;

import dev.sluice.channel.testing.ChannelFlavor;

/** {@link ChannelFlowProcessorVerification} of the {@link ChannelFlavor#SINGLE_CONSUMER} flavor. */
public class MpscFlowProcessorTck extends ChannelFlowProcessorVerification {
    public MpscFlowProcessorTck() {
        super(ChannelFlavor.SINGLE_CONSUMER);
    }
}
