package dev.sluice.tck;

import dev.sluice.channel.testing.ChannelFlavor;

/** {@link ReceiverFlowPublisherVerification} of the {@link ChannelFlavor#UNBOUNDED} flavor. */
public class UnboundedFlowPublisherTck extends ReceiverFlowPublisherVerification {
    public UnboundedFlowPublisherTck() {
        super(ChannelFlavor.UNBOUNDED);
    }
}
