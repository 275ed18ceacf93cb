package dev.sluice.tck;

/** {@link SenderFlowBlackboxVerification} of the {@link Flavor#DROP_OLDEST} flavor. */
public class DropOldestFlowBlackboxTck extends SenderFlowBlackboxVerification {
    public DropOldestFlowBlackboxTck() {
        super(Flavor.DROP_OLDEST);
    }
}
