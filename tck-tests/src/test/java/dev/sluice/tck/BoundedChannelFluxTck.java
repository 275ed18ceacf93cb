package dev.sluice.tck;

import dev.sluice.channel.testing.ChannelFlavor;

/** {@link ChannelFluxPublisherVerification} of the {@link ChannelFlavor#BOUNDED} flavor. */
public class BoundedChannelFluxTck extends ChannelFluxPublisherVerification {
    public BoundedChannelFluxTck() {
        super(ChannelFlavor.BOUNDED);
    }
}
