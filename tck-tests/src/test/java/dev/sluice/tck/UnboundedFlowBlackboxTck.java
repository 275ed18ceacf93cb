package dev.sluice.tck;

/** {@link SenderFlowBlackboxVerification} of the {@link Flavor#UNBOUNDED} flavor. */
public class UnboundedFlowBlackboxTck extends SenderFlowBlackboxVerification {
    public UnboundedFlowBlackboxTck() {
        super(Flavor.UNBOUNDED);
    }
}
