package dev.sluice.tck;

/** {@link SenderWhiteboxVerification} of the {@link Flavor#RENDEZVOUS} flavor. */
public class RendezvousWhiteboxTck extends SenderWhiteboxVerification {
    public RendezvousWhiteboxTck() {
        super(Flavor.RENDEZVOUS);
    }
}
