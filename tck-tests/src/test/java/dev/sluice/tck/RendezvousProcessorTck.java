package dev.sluice.tck;

import dev.sluice.channel.testing.ChannelFlavor;

/** {@link ChannelProcessorVerification} of the {@link ChannelFlavor#RENDEZVOUS} flavor. */
public class RendezvousProcessorTck extends ChannelProcessorVerification {
    public RendezvousProcessorTck() {
        super(ChannelFlavor.RENDEZVOUS);
    }
}
