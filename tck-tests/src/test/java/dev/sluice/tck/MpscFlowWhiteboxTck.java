package dev.sluice.tck;

/** {@link SenderFlowWhiteboxVerification} of the {@link Flavor#MPSC} flavor. */
public class MpscFlowWhiteboxTck extends SenderFlowWhiteboxVerification {
    public MpscFlowWhiteboxTck() {
        super(Flavor.MPSC);
    }
}
