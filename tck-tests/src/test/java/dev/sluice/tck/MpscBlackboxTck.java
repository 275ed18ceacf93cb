package dev.sluice.tck;

import dev.sluice.channel.testing.ChannelFlavor;

/** {@link SenderBlackboxVerification} of the {@link ChannelFlavor#SINGLE_CONSUMER} flavor. */
public class MpscBlackboxTck extends SenderBlackboxVerification {
    public MpscBlackboxTck() {
        super(ChannelFlavor.SINGLE_CONSUMER);
    }
}
