package dev.sluice.tck;

/** {@link ReceiverFlowPublisherVerification} of the {@link Flavor#BOUNDED} flavor. */
public class BoundedFlowPublisherTck extends ReceiverFlowPublisherVerification {
    public BoundedFlowPublisherTck() {
        super(Flavor.BOUNDED);
    }
}
