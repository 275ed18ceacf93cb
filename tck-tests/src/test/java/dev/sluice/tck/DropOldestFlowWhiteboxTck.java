package dev.sluice.tck;

import dev.sluice.channel.testing.ChannelFlavor;

/** {@link SenderFlowWhiteboxVerification} of the {@link ChannelFlavor#DROP_OLDEST} flavor. */
public class DropOldestFlowWhiteboxTck extends SenderFlowWhiteboxVerification {
    public DropOldestFlowWhiteboxTck() {
        super(ChannelFlavor.DROP_OLDEST);
    }
}
