package dev.sluice.tck;

/** {@link SenderFlowWhiteboxVerification} of the {@link Flavor#SPSC} flavor. */
public class SpscFlowWhiteboxTck extends SenderFlowWhiteboxVerification {
    public SpscFlowWhiteboxTck() {
        super(Flavor.SPSC);
    }
}
