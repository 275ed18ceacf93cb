package dev.sluice.tck;

import dev.sluice.channel.testing.ChannelFlavor;

/** {@link SenderFlowBlackboxVerification} of the {@link ChannelFlavor#RENDEZVOUS} flavor. */
public class RendezvousFlowBlackboxTck extends SenderFlowBlackboxVerification {
    public RendezvousFlowBlackboxTck() {
        super(ChannelFlavor.RENDEZVOUS);
    }
}
