package dev.sluice.tck;

import dev.sluice.channel.testing.ChannelFlavor;

/** {@link SenderFlowBlackboxVerification} of the {@link ChannelFlavor#SINGLE_CONSUMER} flavor. */
public class MpscFlowBlackboxTck extends SenderFlowBlackboxVerification {
    public MpscFlowBlackboxTck() {
        super(ChannelFlavor.SINGLE_CONSUMER);
    }
}
