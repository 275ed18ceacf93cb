package dev.sluice.tck;

/** {@link ChannelFlowProcessorVerification} of the {@link Flavor#DROP_OLDEST} flavor. */
public class DropOldestFlowProcessorTck extends ChannelFlowProcessorVerification {
    public DropOldestFlowProcessorTck() {
        super(Flavor.DROP_OLDEST);
    }
}
