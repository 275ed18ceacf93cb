package dev.sluice.tck;

/** {@link SenderBlackboxVerification} of the {@link Flavor#SPSC} flavor. */
public class SpscBlackboxTck extends SenderBlackboxVerification {
    public SpscBlackboxTck() {
        super(Flavor.SPSC);
    }
}
