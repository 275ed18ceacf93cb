package dev.sluice.tck;

/** {@link SenderWhiteboxVerification} of the {@link Flavor#BOUNDED} flavor. */
public class BoundedWhiteboxTck extends SenderWhiteboxVerification {
    public BoundedWhiteboxTck() {
        super(Flavor.BOUNDED);
    }
}
