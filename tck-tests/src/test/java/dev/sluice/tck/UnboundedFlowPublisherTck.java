package dev.sluice.tck;

/** {@link ReceiverFlowPublisherVerification} of the {@link Flavor#UNBOUNDED} flavor. */
public class UnboundedFlowPublisherTck extends ReceiverFlowPublisherVerification {
    public UnboundedFlowPublisherTck() {
        super(Flavor.UNBOUNDED);
    }
}
