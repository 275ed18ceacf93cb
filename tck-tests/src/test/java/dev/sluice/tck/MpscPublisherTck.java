package dev.sluice.tck;

import dev.sluice.channel.testing.ChannelFlavor;

/** {@link ReceiverPublisherVerification} of the {@link ChannelFlavor#SINGLE_CONSUMER} flavor. */
public class MpscPublisherTck extends ReceiverPublisherVerification {
    public MpscPublisherTck() {
        super(ChannelFlavor.SINGLE_CONSUMER);
    }
}
