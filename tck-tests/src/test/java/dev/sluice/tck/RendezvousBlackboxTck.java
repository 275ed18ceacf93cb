package dev.sluice.tck;

import dev.sluice.channel.testing.ChannelFlavor;

/** {@link SenderBlackboxVerification} of the {@link ChannelFlavor#RENDEZVOUS} flavor. */
public class RendezvousBlackboxTck extends SenderBlackboxVerification {
    public RendezvousBlackboxTck() {
        super(ChannelFlavor.RENDEZVOUS);
    }
}
