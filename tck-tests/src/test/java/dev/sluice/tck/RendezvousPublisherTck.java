package dev.sluice.tck;

/** {@link ReceiverPublisherVerification} of the {@link Flavor#RENDEZVOUS} flavor. */
public class RendezvousPublisherTck extends ReceiverPublisherVerification {
    public RendezvousPublisherTck() {
        super(Flavor.RENDEZVOUS);
    }
}
