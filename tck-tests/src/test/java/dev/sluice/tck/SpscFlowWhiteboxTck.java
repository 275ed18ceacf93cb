package dev.sluice.tck;

import dev.sluice.channel.testing.ChannelFlavor;

/** {@link SenderFlowWhiteboxVerification} of the {@link ChannelFlavor#SPSC} flavor. */
public class SpscFlowWhiteboxTck extends SenderFlowWhiteboxVerification {
    public SpscFlowWhiteboxTck() {
        super(ChannelFlavor.SPSC);
    }
}
