package dev.sluice.tck;

/** {@link SenderBlackboxVerification} of the {@link Flavor#DROP_OLDEST} flavor. */
public class DropOldestBlackboxTck extends SenderBlackboxVerification {
    public DropOldestBlackboxTck() {
        super(Flavor.DROP_OLDEST);
    }
}
