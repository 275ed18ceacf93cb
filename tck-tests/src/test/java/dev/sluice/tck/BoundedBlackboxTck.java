package dev.sluice.tck;

import dev.sluice.channel.testing.ChannelFlavor;

/** {@link SenderBlackboxVerification} of the {@link ChannelFlavor#BOUNDED} flavor. */
public class BoundedBlackboxTck extends SenderBlackboxVerification {
    public BoundedBlackboxTck() {
        super(ChannelFlavor.BOUNDED);
    }
}
