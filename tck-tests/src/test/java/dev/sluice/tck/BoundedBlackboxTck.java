package dev.sluice.tck;

/** {@link SenderBlackboxVerification} of the {@link Flavor#BOUNDED} flavor. */
public class BoundedBlackboxTck extends SenderBlackboxVerification {
    public BoundedBlackboxTck() {
        super(Flavor.BOUNDED);
    }
}
