package dev.sluice.tck;

import dev.sluice.channel.testing.ChannelFlavor;

/** {@link SenderFlowWhiteboxVerification} of the {@link ChannelFlavor#RENDEZVOUS} flavor. */
public class RendezvousFlowWhiteboxTck extends SenderFlowWhiteboxVerification {
    public RendezvousFlowWhiteboxTck() {
        super(ChannelFlavor.RENDEZVOUS);
    }
}
