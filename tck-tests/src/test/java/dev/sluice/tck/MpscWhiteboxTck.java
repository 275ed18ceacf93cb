package dev.sluice.tck;

/** {@link SenderWhiteboxVerification} of the {@link Flavor#MPSC} flavor. */
public class MpscWhiteboxTck extends SenderWhiteboxVerification {
    public MpscWhiteboxTck() {
        super(Flavor.MPSC);
    }
}
