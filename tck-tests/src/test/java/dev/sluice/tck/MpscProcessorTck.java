package dev.sluice.tck;

/** {@link ChannelProcessorVerification} of the {@link Flavor#MPSC} flavor. */
public class MpscProcessorTck extends ChannelProcessorVerification {
    public MpscProcessorTck() {
        super(Flavor.MPSC);
    }
}
