package dev.sluice.tck;

import dev.sluice.channel.testing.ChannelFlavor;

/** {@link SenderFlowWhiteboxVerification} of the {@link ChannelFlavor#UNBOUNDED} flavor. */
public class UnboundedFlowWhiteboxTck extends SenderFlowWhiteboxVerification {
    public UnboundedFlowWhiteboxTck() {
        super(ChannelFlavor.UNBOUNDED);
    }
}
