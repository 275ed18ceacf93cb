package dev.sluice.tck;

/** {@link SenderFlowBlackboxVerification} of the {@link Flavor#BOUNDED} flavor. */
public class BoundedFlowBlackboxTck extends SenderFlowBlackboxVerification {
    public BoundedFlowBlackboxTck() {
        super(Flavor.BOUNDED);
    }
}
