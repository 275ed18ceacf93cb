package dev.sluice.tck;

/** {@link ReceiverPublisherVerification} of the {@link Flavor#UNBOUNDED} flavor. */
public class UnboundedPublisherTck extends ReceiverPublisherVerification {
    public UnboundedPublisherTck() {
        super(Flavor.UNBOUNDED);
    }
}
