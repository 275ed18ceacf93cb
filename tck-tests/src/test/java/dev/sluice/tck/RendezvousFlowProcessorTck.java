package dev.sluice.tck;

/** {@link ChannelFlowProcessorVerification} of the {@link Flavor#RENDEZVOUS} flavor. */
public class RendezvousFlowProcessorTck extends ChannelFlowProcessorVerification {
    public RendezvousFlowProcessorTck() {
        super(Flavor.RENDEZVOUS);
    }
}
