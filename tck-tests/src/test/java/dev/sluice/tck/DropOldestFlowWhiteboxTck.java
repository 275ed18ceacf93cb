package dev.sluice.tck;

/** {@link SenderFlowWhiteboxVerification} of the {@link Flavor#DROP_OLDEST} flavor. */
public class DropOldestFlowWhiteboxTck extends SenderFlowWhiteboxVerification {
    public DropOldestFlowWhiteboxTck() {
        super(Flavor.DROP_OLDEST);
    }
}
