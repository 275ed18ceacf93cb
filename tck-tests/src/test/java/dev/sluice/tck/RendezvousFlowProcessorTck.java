package dev.sluice.tck;

import dev.sluice.channel.testing.ChannelFlavor;

/** {@link ChannelFlowProcessorVerification} of the {@link ChannelFlavor#RENDEZVOUS} flavor. */
public class RendezvousFlowProcessorTck extends ChannelFlowProcessorVerification {
    public RendezvousFlowProcessorTck() {
        super(ChannelFlavor.RENDEZVOUS);
    }
}
