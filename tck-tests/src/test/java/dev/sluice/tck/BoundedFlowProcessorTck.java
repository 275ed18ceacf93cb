package dev.sluice.tck;

/** {@link ChannelFlowProcessorVerification} of the {@link Flavor#BOUNDED} flavor. */
public class BoundedFlowProcessorTck extends ChannelFlowProcessorVerification {
    public BoundedFlowProcessorTck() {
        super(Flavor.BOUNDED);
    }
}
