package dev.sluice.tck;

/** {@link ReceiverFlowPublisherVerification} of the {@link Flavor#MPSC} flavor. */
public class MpscFlowPublisherTck extends ReceiverFlowPublisherVerification {
    public MpscFlowPublisherTck() {
        super(Flavor.MPSC);
    }
}
