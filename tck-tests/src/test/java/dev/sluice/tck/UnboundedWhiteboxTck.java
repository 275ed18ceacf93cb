package dev.sluice.tck;

import dev.sluice.channel.testing.ChannelFlavor;

/** {@link SenderWhiteboxVerification} of the {@link ChannelFlavor#UNBOUNDED} flavor. */
public class UnboundedWhiteboxTck extends SenderWhiteboxVerification {
    public UnboundedWhiteboxTck() {
        super(ChannelFlavor.UNBOUNDED);
    }
}
