package dev.sluice.tck;

import dev.sluice.channel.Receiver;
import java.util.concurrent.atomic.AtomicLong;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * A consumer on the receiving end of the channel whose sender is under test: it takes what it is
 * asked to take ({@link #request}) and discards it, and {@link #cancel} closes the receiver handle
 * (rule R2). It is how the whitebox puppet makes a sender ask for more (a taken element frees a
 * slot, rule R4) or give up (the last receiver left).
 */
final class Downstream implements Subscriber<Integer> {
    private volatile Subscription subscription;
    private final AtomicLong received = new AtomicLong();

    Downstream(Receiver<Integer> receiver) {
        receiver.subscribe(this); // onSubscribe runs before subscribe returns
        if (subscription == null) {
            throw new IllegalStateException("the receiver did not call onSubscribe synchronously");
        }
    }

    void request(long n) {
        subscription.request(n);
    }

    void cancel() {
        subscription.cancel();
    }

    long received() {
        return received.get();
    }

    @Override
    public void onSubscribe(Subscription s) {
        subscription = s;
    }

    @Override
    public void onNext(Integer element) {
        received.incrementAndGet();
    }

    @Override
    public void onError(Throwable cause) {}

    @Override
    public void onComplete() {}
}
