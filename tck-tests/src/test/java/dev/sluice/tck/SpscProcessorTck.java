package dev.sluice.tck;

/** {@link ChannelProcessorVerification} of the {@link Flavor#SPSC} flavor. */
public class SpscProcessorTck extends ChannelProcessorVerification {
    public SpscProcessorTck() {
        super(Flavor.SPSC);
    }
}
