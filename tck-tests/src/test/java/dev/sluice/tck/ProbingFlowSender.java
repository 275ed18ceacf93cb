package dev.sluice.tck;

import dev.sluice.channel.Channel;
import java.util.concurrent.Flow;
import org.reactivestreams.tck.SubscriberWhiteboxVerification.SubscriberPuppet;
import org.reactivestreams.tck.SubscriberWhiteboxVerification.WhiteboxSubscriberProbe;

/** {@link ProbingSender}'s twin around {@code Sender.asFlowSubscriber()}, with the same puppet. */
final class ProbingFlowSender implements Flow.Subscriber<Integer> {
    private final Flow.Subscriber<Integer> sender;
    private final Downstream downstream;
    private final WhiteboxSubscriberProbe<Integer> probe;
    private boolean registered;

    ProbingFlowSender(Channel<Integer> channel, WhiteboxSubscriberProbe<Integer> probe) {
        this.sender = channel.sender().asFlowSubscriber();
        this.downstream = new Downstream(channel.receiver());
        this.probe = probe;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        sender.onSubscribe(s);
        if (!registered) {
            registered = true;
            probe.registerOnSubscribe(new SubscriberPuppet() {
                @Override
                public void triggerRequest(long elements) {
                    downstream.request(elements);
                }

                @Override
                public void signalCancel() {
                    downstream.cancel();
                }
            });
        }
    }

    @Override
    public void onNext(Integer element) {
        sender.onNext(element);
        probe.registerOnNext(element);
    }

    @Override
    public void onError(Throwable cause) {
        sender.onError(cause);
        probe.registerOnError(cause);
    }

    @Override
    public void onComplete() {
        sender.onComplete();
        probe.registerOnComplete();
    }

    @Override
    public String toString() {
        return "ProbingFlowSender[" + sender + "]";
    }
}
