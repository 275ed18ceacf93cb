package dev.sluice.tck;

import dev.sluice.channel.testing.ChannelFlavor;

/** {@link SenderWhiteboxVerification} of the {@link ChannelFlavor#RENDEZVOUS} flavor. */
public class RendezvousWhiteboxTck extends SenderWhiteboxVerification {
    public RendezvousWhiteboxTck() {
        super(ChannelFlavor.RENDEZVOUS);
    }
}
