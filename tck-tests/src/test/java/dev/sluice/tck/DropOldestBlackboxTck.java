package dev.sluice.tck;

import dev.sluice.channel.testing.ChannelFlavor;

/** {@link SenderBlackboxVerification} of the {@link ChannelFlavor#DROP_OLDEST} flavor. */
public class DropOldestBlackboxTck extends SenderBlackboxVerification {
    public DropOldestBlackboxTck() {
        super(ChannelFlavor.DROP_OLDEST);
    }
}
