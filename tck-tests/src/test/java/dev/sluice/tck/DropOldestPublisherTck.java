package dev.sluice.tck;

import dev.sluice.channel.testing.ChannelFlavor;

/** {@link ReceiverPublisherVerification} of the {@link ChannelFlavor#DROP_OLDEST} flavor. */
public class DropOldestPublisherTck extends ReceiverPublisherVerification {
    public DropOldestPublisherTck() {
        super(ChannelFlavor.DROP_OLDEST);
    }
}
