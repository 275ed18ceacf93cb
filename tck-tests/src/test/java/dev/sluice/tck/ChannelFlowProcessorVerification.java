package dev.sluice.tck;

import dev.sluice.channel.testing.ChannelFlavor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Flow;
import org.reactivestreams.tck.flow.IdentityFlowProcessorVerification;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;

/** {@link ChannelProcessorVerification}'s twin for {@code Channel.asFlowProcessor()} (rule R6). */
public abstract class ChannelFlowProcessorVerification extends IdentityFlowProcessorVerification<Integer> {
    private final ChannelFlavor flavor;
    private ExecutorService executor;

    protected ChannelFlowProcessorVerification(ChannelFlavor flavor) {
        super(Tck.env(), Tck.gcTimeoutMillis());
        this.flavor = flavor;
    }

    @Override
    protected Flow.Processor<Integer, Integer> createIdentityFlowProcessor(int bufferSize) {
        return flavor.<Integer>create(bufferSize).asFlowProcessor();
    }

    @Override
    protected Flow.Publisher<Integer> createFailedFlowPublisher() {
        return ReceiverPublishers.failed(flavor).asFlowPublisher();
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
