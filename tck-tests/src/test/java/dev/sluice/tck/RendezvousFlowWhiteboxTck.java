package dev.sluice.tck;

/** {@link SenderFlowWhiteboxVerification} of the {@link Flavor#RENDEZVOUS} flavor. */
public class RendezvousFlowWhiteboxTck extends SenderFlowWhiteboxVerification {
    public RendezvousFlowWhiteboxTck() {
        super(Flavor.RENDEZVOUS);
    }
}
