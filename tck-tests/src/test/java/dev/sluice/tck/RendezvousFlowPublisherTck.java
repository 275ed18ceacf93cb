package dev.sluice.tck;

import dev.sluice.channel.testing.ChannelFlavor;

/** {@link ReceiverFlowPublisherVerification} of the {@link ChannelFlavor#RENDEZVOUS} flavor. */
public class RendezvousFlowPublisherTck extends ReceiverFlowPublisherVerification {
    public RendezvousFlowPublisherTck() {
        super(ChannelFlavor.RENDEZVOUS);
    }
}
