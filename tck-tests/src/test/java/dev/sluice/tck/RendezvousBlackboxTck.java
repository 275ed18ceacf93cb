package dev.sluice.tck;

/** {@link SenderBlackboxVerification} of the {@link Flavor#RENDEZVOUS} flavor. */
public class RendezvousBlackboxTck extends SenderBlackboxVerification {
    public RendezvousBlackboxTck() {
        super(Flavor.RENDEZVOUS);
    }
}
