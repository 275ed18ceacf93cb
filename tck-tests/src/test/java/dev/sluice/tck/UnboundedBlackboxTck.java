package dev.sluice.tck;

import dev.sluice.channel.testing.ChannelFlavor;

/** {@link SenderBlackboxVerification} of the {@link ChannelFlavor#UNBOUNDED} flavor. */
public class UnboundedBlackboxTck extends SenderBlackboxVerification {
    public UnboundedBlackboxTck() {
        super(ChannelFlavor.UNBOUNDED);
    }
}
