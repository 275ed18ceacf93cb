package dev.sluice.tck;

import dev.sluice.channel.testing.ChannelFlavor;

/** {@link ChannelFluxPublisherVerification} of the {@link ChannelFlavor#RENDEZVOUS} flavor. */
public class RendezvousChannelFluxTck extends ChannelFluxPublisherVerification {
    public RendezvousChannelFluxTck() {
        super(ChannelFlavor.RENDEZVOUS);
    }
}
