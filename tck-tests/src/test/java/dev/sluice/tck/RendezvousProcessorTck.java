package dev.sluice.tck;

/** {@link ChannelProcessorVerification} of the {@link Flavor#RENDEZVOUS} flavor. */
public class RendezvousProcessorTck extends ChannelProcessorVerification {
    public RendezvousProcessorTck() {
        super(Flavor.RENDEZVOUS);
    }
}
