package dev.sluice.tck;

import dev.sluice.channel.testing.ChannelFlavor;

/** {@link SenderFlowBlackboxVerification} of the {@link ChannelFlavor#UNBOUNDED} flavor. */
public class UnboundedFlowBlackboxTck extends SenderFlowBlackboxVerification {
    public UnboundedFlowBlackboxTck() {
        super(ChannelFlavor.UNBOUNDED);
    }
}
