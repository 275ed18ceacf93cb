package dev.sluice.tck;

import dev.sluice.channel.testing.ChannelFlavor;

/** {@link ReceiverFlowPublisherVerification} of the {@link ChannelFlavor#BOUNDED} flavor. */
public class BoundedFlowPublisherTck extends ReceiverFlowPublisherVerification {
    public BoundedFlowPublisherTck() {
        super(ChannelFlavor.BOUNDED);
    }
}
