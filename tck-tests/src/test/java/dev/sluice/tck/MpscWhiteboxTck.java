package dev.sluice.tck;

import dev.sluice.channel.testing.ChannelFlavor;

/** {@link SenderWhiteboxVerification} of the {@link ChannelFlavor#SINGLE_CONSUMER} flavor. */
public class MpscWhiteboxTck extends SenderWhiteboxVerification {
    public MpscWhiteboxTck() {
        super(ChannelFlavor.SINGLE_CONSUMER);
    }
}
