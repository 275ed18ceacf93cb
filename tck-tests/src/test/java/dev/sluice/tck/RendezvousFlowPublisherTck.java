package dev.sluice.tck;

/** {@link ReceiverFlowPublisherVerification} of the {@link Flavor#RENDEZVOUS} flavor. */
public class RendezvousFlowPublisherTck extends ReceiverFlowPublisherVerification {
    public RendezvousFlowPublisherTck() {
        super(Flavor.RENDEZVOUS);
    }
}
