package dev.sluice.tck;

import dev.sluice.channel.testing.ChannelFlavor;

/** {@link SenderWhiteboxVerification} of the {@link ChannelFlavor#BOUNDED} flavor. */
public class BoundedWhiteboxTck extends SenderWhiteboxVerification {
    public BoundedWhiteboxTck() {
        super(ChannelFlavor.BOUNDED);
    }
}
