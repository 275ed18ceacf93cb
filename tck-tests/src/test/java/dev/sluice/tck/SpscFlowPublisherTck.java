package dev.sluice.tck;

import dev.sluice.channel.testing.ChannelFlavor;

/** {@link ReceiverFlowPublisherVerification} of the {@link ChannelFlavor#SPSC} flavor. */
public class SpscFlowPublisherTck extends ReceiverFlowPublisherVerification {
    public SpscFlowPublisherTck() {
        super(ChannelFlavor.SPSC);
    }
}
