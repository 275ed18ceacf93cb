package dev.sluice.tck;

/** {@link ChannelFlowProcessorVerification} of the {@link Flavor#SPSC} flavor. */
public class SpscFlowProcessorTck extends ChannelFlowProcessorVerification {
    public SpscFlowProcessorTck() {
        super(Flavor.SPSC);
    }
}
