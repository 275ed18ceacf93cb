package dev.sluice.tck;

import dev.sluice.channel.testing.ChannelFlavor;

/** {@link SenderWhiteboxVerification} of the {@link ChannelFlavor#DROP_OLDEST} flavor. */
public class DropOldestWhiteboxTck extends SenderWhiteboxVerification {
    public DropOldestWhiteboxTck() {
        super(ChannelFlavor.DROP_OLDEST);
    }
}
