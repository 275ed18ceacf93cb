package dev.sluice.tck;

import dev.sluice.channel.testing.ChannelFlavor;

/** {@link SenderFlowBlackboxVerification} of the {@link ChannelFlavor#SPSC} flavor. */
public class SpscFlowBlackboxTck extends SenderFlowBlackboxVerification {
    public SpscFlowBlackboxTck() {
        super(ChannelFlavor.SPSC);
    }
}
