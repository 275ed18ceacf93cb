package dev.sluice.tck;

/** {@link ReceiverPublisherVerification} of the {@link Flavor#MPSC} flavor. */
public class MpscPublisherTck extends ReceiverPublisherVerification {
    public MpscPublisherTck() {
        super(Flavor.MPSC);
    }
}
