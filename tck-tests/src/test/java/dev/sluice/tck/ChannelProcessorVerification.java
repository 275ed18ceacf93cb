package dev.sluice.tck;

import dev.sluice.channel.testing.ChannelFlavor;
import java.util.concurrent.ExecutorService;
import org.reactivestreams.Processor;
import org.reactivestreams.Publisher;
import org.reactivestreams.tck.IdentityProcessorVerification;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;

/**
 * {@link IdentityProcessorVerification} of a {@code Channel} (rule R5): the channel itself is the
 * processor, its first sender the subscriber side, its first receiver the publisher side.
 *
 * <p>{@link #maxSupportedSubscribers()} is 1: {@code Channel.subscribe} subscribes the first
 * receiver handle, which takes one subscriber (rule R2; a second one gets {@code
 * onError(IllegalStateException)}). Competing consumers subscribe {@code receiver().clone()}, and
 * each element then goes to one of them: a channel is not a broadcast, so the TCK's multicast tests
 * do not apply (see README.md).
 */
public abstract class ChannelProcessorVerification extends IdentityProcessorVerification<Integer> {
    private final ChannelFlavor flavor;
    private ExecutorService executor;

    protected ChannelProcessorVerification(ChannelFlavor flavor) {
        super(Tck.env(), Tck.gcTimeoutMillis());
        this.flavor = flavor;
    }

    @Override
    public Processor<Integer, Integer> createIdentityProcessor(int bufferSize) {
        return flavor.create(bufferSize);
    }

    @Override
    public Publisher<Integer> createFailedPublisher() {
        return ReceiverPublishers.failed(flavor);
    }

    @Override
    public Integer createElement(int element) {
        return element;
    }

    @Override
    public long maxSupportedSubscribers() {
        return 1;
    }

    @Override
    public ExecutorService publisherExecutorService() {
        return executor;
    }

    @BeforeClass
    public void startHelperExecutor() {
        executor = Tck.helperExecutor(getClass().getSimpleName());
    }

    @AfterClass(alwaysRun = true)
    public void stopHelperExecutor() {
        executor.shutdownNow();
    }
}
