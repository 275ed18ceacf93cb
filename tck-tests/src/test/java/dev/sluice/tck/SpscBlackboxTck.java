package dev.sluice.tck;

import dev.sluice.channel.testing.ChannelFlavor;

/** {@link SenderBlackboxVerification} of the {@link ChannelFlavor#SPSC} flavor. */
public class SpscBlackboxTck extends SenderBlackboxVerification {
    public SpscBlackboxTck() {
        super(ChannelFlavor.SPSC);
    }
}
