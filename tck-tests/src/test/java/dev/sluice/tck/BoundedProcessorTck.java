package dev.sluice.tck;

import dev.sluice.channel.testing.ChannelFlavor;

/** {@link ChannelProcessorVerification} of the {@link ChannelFlavor#BOUNDED} flavor. */
public class BoundedProcessorTck extends ChannelProcessorVerification {
    public BoundedProcessorTck() {
        super(ChannelFlavor.BOUNDED);
    }
}
