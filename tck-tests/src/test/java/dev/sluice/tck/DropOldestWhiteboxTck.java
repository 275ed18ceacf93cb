package dev.sluice.tck;

/** {@link SenderWhiteboxVerification} of the {@link Flavor#DROP_OLDEST} flavor. */
public class DropOldestWhiteboxTck extends SenderWhiteboxVerification {
    public DropOldestWhiteboxTck() {
        super(Flavor.DROP_OLDEST);
    }
}
