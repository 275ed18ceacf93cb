package dev.sluice.tck;

import dev.sluice.channel.testing.ChannelFlavor;

/** {@link ChannelProcessorVerification} of the {@link ChannelFlavor#UNBOUNDED} flavor. */
public class UnboundedProcessorTck extends ChannelProcessorVerification {
    public UnboundedProcessorTck() {
        super(ChannelFlavor.UNBOUNDED);
    }
}
