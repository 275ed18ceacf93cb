package dev.sluice.tck;

/** {@link ChannelFlowProcessorVerification} of the {@link Flavor#MPSC} flavor. */
public class MpscFlowProcessorTck extends ChannelFlowProcessorVerification {
    public MpscFlowProcessorTck() {
        super(Flavor.MPSC);
    }
}
