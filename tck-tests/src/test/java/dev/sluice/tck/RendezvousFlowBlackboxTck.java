package dev.sluice.tck;

/** {@link SenderFlowBlackboxVerification} of the {@link Flavor#RENDEZVOUS} flavor. */
public class RendezvousFlowBlackboxTck extends SenderFlowBlackboxVerification {
    public RendezvousFlowBlackboxTck() {
        super(Flavor.RENDEZVOUS);
    }
}
