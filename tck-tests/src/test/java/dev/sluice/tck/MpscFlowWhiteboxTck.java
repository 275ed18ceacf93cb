package dev.sluice.tck;

import dev.sluice.channel.testing.ChannelFlavor;

/** {@link SenderFlowWhiteboxVerification} of the {@link ChannelFlavor#SINGLE_CONSUMER} flavor. */
public class MpscFlowWhiteboxTck extends SenderFlowWhiteboxVerification {
    public MpscFlowWhiteboxTck() {
        super(ChannelFlavor.SINGLE_CONSUMER);
    }
}
