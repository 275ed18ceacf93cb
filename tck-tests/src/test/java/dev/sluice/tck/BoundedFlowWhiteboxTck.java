package dev.sluice.tck;

import dev.sluice.channel.testing.ChannelFlavor;

/** {@link SenderFlowWhiteboxVerification} of the {@link ChannelFlavor#BOUNDED} flavor. */
public class BoundedFlowWhiteboxTck extends SenderFlowWhiteboxVerification {
    public BoundedFlowWhiteboxTck() {
        super(ChannelFlavor.BOUNDED);
    }
}
