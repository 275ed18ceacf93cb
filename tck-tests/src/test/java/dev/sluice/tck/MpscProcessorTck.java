package dev.sluice.tck;

import dev.sluice.channel.testing.ChannelFlavor;

/** {@link ChannelProcessorVerification} of the {@link ChannelFlavor#SINGLE_CONSUMER} flavor. */
public class MpscProcessorTck extends ChannelProcessorVerification {
    public MpscProcessorTck() {
        super(ChannelFlavor.SINGLE_CONSUMER);
    }
}
