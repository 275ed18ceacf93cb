package dev.sluice.tck;

/** {@link SenderFlowWhiteboxVerification} of the {@link Flavor#BOUNDED} flavor. */
public class BoundedFlowWhiteboxTck extends SenderFlowWhiteboxVerification {
    public BoundedFlowWhiteboxTck() {
        super(Flavor.BOUNDED);
    }
}
