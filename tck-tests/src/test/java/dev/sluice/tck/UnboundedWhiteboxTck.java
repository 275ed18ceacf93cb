package dev.sluice.tck;

/** {@link SenderWhiteboxVerification} of the {@link Flavor#UNBOUNDED} flavor. */
public class UnboundedWhiteboxTck extends SenderWhiteboxVerification {
    public UnboundedWhiteboxTck() {
        super(Flavor.UNBOUNDED);
    }
}
