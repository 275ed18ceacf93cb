package dev.sluice.tck;

/** {@link ReceiverFlowPublisherVerification} of the {@link Flavor#DROP_OLDEST} flavor. */
public class DropOldestFlowPublisherTck extends ReceiverFlowPublisherVerification {
    public DropOldestFlowPublisherTck() {
        super(Flavor.DROP_OLDEST);
    }
}
