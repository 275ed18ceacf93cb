package dev.sluice.tck;

/** {@link ChannelFlowProcessorVerification} of the {@link Flavor#UNBOUNDED} flavor. */
public class UnboundedFlowProcessorTck extends ChannelFlowProcessorVerification {
    public UnboundedFlowProcessorTck() {
        super(Flavor.UNBOUNDED);
    }
}
