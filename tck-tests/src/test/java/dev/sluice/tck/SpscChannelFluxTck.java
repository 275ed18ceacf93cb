package dev.sluice.tck;

import dev.sluice.channel.testing.ChannelFlavor;

/** {@link ChannelFluxPublisherVerification} of the {@link ChannelFlavor#SPSC} flavor. */
public class SpscChannelFluxTck extends ChannelFluxPublisherVerification {
    public SpscChannelFluxTck() {
        super(ChannelFlavor.SPSC);
    }
}
