package dev.sluice.tck;

import dev.sluice.channel.testing.ChannelFlavor;

/** {@link ChannelProcessorVerification} of the {@link ChannelFlavor#SPSC} flavor. */
public class SpscProcessorTck extends ChannelProcessorVerification {
    public SpscProcessorTck() {
        super(ChannelFlavor.SPSC);
    }
}
