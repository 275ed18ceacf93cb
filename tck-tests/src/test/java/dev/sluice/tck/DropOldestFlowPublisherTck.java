package dev.sluice.tck;

import dev.sluice.channel.testing.ChannelFlavor;

/** {@link ReceiverFlowPublisherVerification} of the {@link ChannelFlavor#DROP_OLDEST} flavor. */
public class DropOldestFlowPublisherTck extends ReceiverFlowPublisherVerification {
    public DropOldestFlowPublisherTck() {
        super(ChannelFlavor.DROP_OLDEST);
    }
}
