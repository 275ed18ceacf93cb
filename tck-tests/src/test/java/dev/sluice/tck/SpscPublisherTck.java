package dev.sluice.tck;

import dev.sluice.channel.testing.ChannelFlavor;

/** {@link ReceiverPublisherVerification} of the {@link ChannelFlavor#SPSC} flavor. */
public class SpscPublisherTck extends ReceiverPublisherVerification {
    public SpscPublisherTck() {
        super(ChannelFlavor.SPSC);
    }
}
