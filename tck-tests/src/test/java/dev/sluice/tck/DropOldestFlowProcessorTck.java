package dev.sluice.tck;

import dev.sluice.channel.testing.ChannelFlavor;

/** {@link ChannelFlowProcessorVerification} of the {@link ChannelFlavor#DROP_OLDEST} flavor. */
public class DropOldestFlowProcessorTck extends ChannelFlowProcessorVerification {
    public DropOldestFlowProcessorTck() {
        super(ChannelFlavor.DROP_OLDEST);
    }
}
