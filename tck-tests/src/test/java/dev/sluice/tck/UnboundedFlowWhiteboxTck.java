package dev.sluice.tck;

/** {@link SenderFlowWhiteboxVerification} of the {@link Flavor#UNBOUNDED} flavor. */
public class UnboundedFlowWhiteboxTck extends SenderFlowWhiteboxVerification {
    public UnboundedFlowWhiteboxTck() {
        super(Flavor.UNBOUNDED);
    }
}
