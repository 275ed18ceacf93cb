package dev.sluice.tck;

/** {@link ReceiverPublisherVerification} of the {@link Flavor#DROP_OLDEST} flavor. */
public class DropOldestPublisherTck extends ReceiverPublisherVerification {
    public DropOldestPublisherTck() {
        super(Flavor.DROP_OLDEST);
    }
}
