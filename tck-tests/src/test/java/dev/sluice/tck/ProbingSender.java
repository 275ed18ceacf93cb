package dev.sluice.tck;

import dev.sluice.channel.Channel;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import org.reactivestreams.tck.SubscriberWhiteboxVerification.SubscriberPuppet;
import org.reactivestreams.tck.SubscriberWhiteboxVerification.WhiteboxSubscriberProbe;

/**
 * The whitebox view of a {@code Sender}: passes every signal to the sender, then reports it to the
 * TCK's probe.
 *
 * <p>The puppet uses what a user can do to a sender, not its subscription: a sender requests from
 * its upstream only as many elements as it holds free slots for (rule R4), so {@code
 * triggerRequest(n)} takes {@code n} elements out of the channel through a {@link Downstream}
 * subscribed to the receiver, which frees slots (for a rendezvous channel, takes the element being
 * handed over); and a sender cancels its upstream when the channel closes under it, so {@code
 * signalCancel()} cancels the downstream, which closes the only receiver handle (rule R2). The
 * sender's own subscription is never touched behind its back.
 */
final class ProbingSender implements Subscriber<Integer> {
    private final Subscriber<Integer> sender;
    private final Downstream downstream;
    private final WhiteboxSubscriberProbe<Integer> probe;
    private boolean registered;

    ProbingSender(Channel<Integer> channel, WhiteboxSubscriberProbe<Integer> probe) {
        this.sender = channel.sender();
        this.downstream = new Downstream(channel.receiver());
        this.probe = probe;
    }

    @Override
    public void onSubscribe(Subscription s) {
        sender.onSubscribe(s); // throws NullPointerException for null (§2.13)
        if (!registered) { // a second onSubscribe is the sender's to cancel (§2.5)
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
        sender.onNext(element); // throws NullPointerException for null (§2.13)
        probe.registerOnNext(element);
    }

    @Override
    public void onError(Throwable cause) {
        sender.onError(cause); // throws NullPointerException for null (§2.13)
        probe.registerOnError(cause);
    }

    @Override
    public void onComplete() {
        sender.onComplete();
        probe.registerOnComplete();
    }

    @Override
    public String toString() {
        return "ProbingSender[" + sender + "]";
    }
}
