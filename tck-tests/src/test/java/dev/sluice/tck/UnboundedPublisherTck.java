package dev.sluice.tck;

import dev.sluice.channel.testing.ChannelFlavor;

/** {@link ReceiverPublisherVerification} of the {@link ChannelFlavor#UNBOUNDED} flavor. */
public class UnboundedPublisherTck extends ReceiverPublisherVerification {
    public UnboundedPublisherTck() {
        super(ChannelFlavor.UNBOUNDED);
    }
}
