package dev.sluice.tck;

import dev.sluice.channel.testing.ChannelFlavor;

/** {@link ReceiverFlowPublisherVerification} of the {@link ChannelFlavor#SINGLE_CONSUMER} flavor. */
public class MpscFlowPublisherTck extends ReceiverFlowPublisherVerification {
    public MpscFlowPublisherTck() {
        super(ChannelFlavor.SINGLE_CONSUMER);
    }
}
