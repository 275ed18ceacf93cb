package dev.sluice.tck;

/** {@link ReceiverPublisherVerification} of the {@link Flavor#BOUNDED} flavor. */
public class BoundedPublisherTck extends ReceiverPublisherVerification {
    public BoundedPublisherTck() {
        super(Flavor.BOUNDED);
    }
}
