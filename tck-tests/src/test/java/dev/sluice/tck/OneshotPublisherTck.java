package dev.sluice.tck;

import dev.sluice.channel.Oneshot;
import org.reactivestreams.Publisher;
import org.reactivestreams.tck.PublisherVerification;

/**
 * {@link PublisherVerification} of a {@link Oneshot}'s receiver (S16), a publisher of at most one
 * element: the value then completion, completion alone when the sender closed without one, and the
 * cause when it failed.
 */
public class OneshotPublisherTck extends PublisherVerification<Integer> {
    public OneshotPublisherTck() {
        super(Tck.env(), Tck.gcTimeoutMillis());
    }

    @Override
    public long maxElementsFromPublisher() {
        return 1;
    }

    @Override
    public Publisher<Integer> createPublisher(long elements) {
        Oneshot<Integer> o = Oneshot.create();
        if (elements == 0) {
            o.sender().close();
        } else {
            o.sender().send(42);
        }
        return o.receiver();
    }

    @Override
    public Publisher<Integer> createFailedPublisher() {
        Oneshot<Integer> o = Oneshot.create();
        o.sender().fail(new IllegalStateException("the reply failed"));
        return o.receiver();
    }
}
