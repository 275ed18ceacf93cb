package dev.sluice.tck;

import dev.sluice.channel.testing.ChannelFlavor;

/** {@link ReceiverPublisherVerification} of the {@link ChannelFlavor#RENDEZVOUS} flavor. */
public class RendezvousPublisherTck extends ReceiverPublisherVerification {
    public RendezvousPublisherTck() {
        super(ChannelFlavor.RENDEZVOUS);
    }
}
