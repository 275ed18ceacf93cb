package dev.sluice.tck;

/** {@link ChannelProcessorVerification} of the {@link Flavor#UNBOUNDED} flavor. */
public class UnboundedProcessorTck extends ChannelProcessorVerification {
    public UnboundedProcessorTck() {
        super(Flavor.UNBOUNDED);
    }
}
