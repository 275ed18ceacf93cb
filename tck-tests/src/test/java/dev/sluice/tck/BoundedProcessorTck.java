package dev.sluice.tck;

/** {@link ChannelProcessorVerification} of the {@link Flavor#BOUNDED} flavor. */
public class BoundedProcessorTck extends ChannelProcessorVerification {
    public BoundedProcessorTck() {
        super(Flavor.BOUNDED);
    }
}
