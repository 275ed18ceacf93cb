package dev.sluice.tck;

import dev.sluice.channel.testing.ChannelFlavor;

/** {@link ChannelFlowablePublisherVerification} of the {@link ChannelFlavor#RENDEZVOUS} flavor. */
public class RendezvousChannelFlowableTck extends ChannelFlowablePublisherVerification {
    public RendezvousChannelFlowableTck() {
        super(ChannelFlavor.RENDEZVOUS);
    }
}
