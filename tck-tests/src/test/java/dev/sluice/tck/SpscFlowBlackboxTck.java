package dev.sluice.tck;

/** {@link SenderFlowBlackboxVerification} of the {@link Flavor#SPSC} flavor. */
public class SpscFlowBlackboxTck extends SenderFlowBlackboxVerification {
    public SpscFlowBlackboxTck() {
        super(Flavor.SPSC);
    }
}
