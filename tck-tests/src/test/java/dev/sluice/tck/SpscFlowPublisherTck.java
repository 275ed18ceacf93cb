package dev.sluice.tck;

/** {@link ReceiverFlowPublisherVerification} of the {@link Flavor#SPSC} flavor. */
public class SpscFlowPublisherTck extends ReceiverFlowPublisherVerification {
    public SpscFlowPublisherTck() {
        super(Flavor.SPSC);
    }
}
