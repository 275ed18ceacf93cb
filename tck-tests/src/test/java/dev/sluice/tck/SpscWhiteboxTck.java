package dev.sluice.tck;

/** {@link SenderWhiteboxVerification} of the {@link Flavor#SPSC} flavor. */
public class SpscWhiteboxTck extends SenderWhiteboxVerification {
    public SpscWhiteboxTck() {
        super(Flavor.SPSC);
    }
}
