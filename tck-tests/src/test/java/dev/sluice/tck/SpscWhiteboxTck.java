package dev.sluice.tck;

import dev.sluice.channel.testing.ChannelFlavor;

/** {@link SenderWhiteboxVerification} of the {@link ChannelFlavor#SPSC} flavor. */
public class SpscWhiteboxTck extends SenderWhiteboxVerification {
    public SpscWhiteboxTck() {
        super(ChannelFlavor.SPSC);
    }
}
