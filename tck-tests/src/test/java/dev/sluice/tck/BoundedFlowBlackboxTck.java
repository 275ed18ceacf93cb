package dev.sluice.tck;

import dev.sluice.channel.testing.ChannelFlavor;

/** {@link SenderFlowBlackboxVerification} of the {@link ChannelFlavor#BOUNDED} flavor. */
public class BoundedFlowBlackboxTck extends SenderFlowBlackboxVerification {
    public BoundedFlowBlackboxTck() {
        super(ChannelFlavor.BOUNDED);
    }
}
