package dev.sluice.tck;

/** {@link SenderBlackboxVerification} of the {@link Flavor#MPSC} flavor. */
public class MpscBlackboxTck extends SenderBlackboxVerification {
    public MpscBlackboxTck() {
        super(Flavor.MPSC);
    }
}
