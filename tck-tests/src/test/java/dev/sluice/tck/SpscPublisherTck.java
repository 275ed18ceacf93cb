package dev.sluice.tck;

/** {@link ReceiverPublisherVerification} of the {@link Flavor#SPSC} flavor. */
public class SpscPublisherTck extends ReceiverPublisherVerification {
    public SpscPublisherTck() {
        super(Flavor.SPSC);
    }
}
