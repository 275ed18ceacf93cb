package dev.sluice.tck;

import dev.sluice.channel.testing.ChannelFlavor;

/** {@link ChannelProcessorVerification} of the {@link ChannelFlavor#DROP_OLDEST} flavor. */
public class DropOldestProcessorTck extends ChannelProcessorVerification {
    public DropOldestProcessorTck() {
        super(ChannelFlavor.DROP_OLDEST);
    }
}
