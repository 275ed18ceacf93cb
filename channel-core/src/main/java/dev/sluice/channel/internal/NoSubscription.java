package dev.sluice.channel.internal;

import org.reactivestreams.Subscription;

/** The subscription handed to a subscriber that is refused at once: requests and cancels do nothing. */
enum NoSubscription implements Subscription {
    INSTANCE;

    @Override
    public void request(long n) {
        // nothing will ever be delivered
    }

    @Override
    public void cancel() {
        // nothing to cancel
    }
}
