package dev.sluice.tck;

/** {@link SenderFlowBlackboxVerification} of the {@link Flavor#MPSC} flavor. */
public class MpscFlowBlackboxTck extends SenderFlowBlackboxVerification {
    public MpscFlowBlackboxTck() {
        super(Flavor.MPSC);
    }
}
