package dev.sluice.tck;

import dev.sluice.channel.testing.ChannelFlavor;

/** {@link SenderFlowBlackboxVerification} of the {@link ChannelFlavor#DROP_OLDEST} flavor. */
public class DropOldestFlowBlackboxTck extends SenderFlowBlackboxVerification {
    public DropOldestFlowBlackboxTck() {
        super(ChannelFlavor.DROP_OLDEST);
    }
}
