package dev.sluice.tck;

/** {@link ChannelProcessorVerification} of the {@link Flavor#DROP_OLDEST} flavor. */
public class DropOldestProcessorTck extends ChannelProcessorVerification {
    public DropOldestProcessorTck() {
        super(Flavor.DROP_OLDEST);
    }
}
