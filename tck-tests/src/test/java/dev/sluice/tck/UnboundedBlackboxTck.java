package dev.sluice.tck;

/** {@link SenderBlackboxVerification} of the {@link Flavor#UNBOUNDED} flavor. */
public class UnboundedBlackboxTck extends SenderBlackboxVerification {
    public UnboundedBlackboxTck() {
        super(Flavor.UNBOUNDED);
    }
}
