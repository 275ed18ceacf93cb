package dev.sluice.channel.internal;

import dev.sluice.channel.Channel;
import dev.sluice.channel.Receiver;
import dev.sluice.channel.Sender;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * The {@link Channel} object: the core plus its first sender and receiver handles.
 *
 * @param <T> the element type
 */
final class SharedChannel<T> implements Channel<T> {
    private final ChannelCore<T> core;
    private final SenderHandle<T> sender;
    private final ReceiverHandle<T> receiver;

    SharedChannel(ChannelCore<T> core, boolean multiProducer, boolean multiConsumer) {
        this.core = core;
        this.sender = new SenderHandle<>(core, multiProducer);
        this.receiver = new ReceiverHandle<>(core, multiConsumer);
    }

    @Override
    public void subscribe(Subscriber<? super T> subscriber) {
        receiver.subscribe(subscriber);
    }

    @Override
    public void onSubscribe(Subscription subscription) {
        sender.onSubscribe(subscription);
    }

    @Override
    public void onNext(T element) {
        sender.onNext(element);
    }

    @Override
    public void onError(Throwable cause) {
        sender.onError(cause);
    }

    @Override
    public void onComplete() {
        sender.onComplete();
    }

    @Override
    public Sender<T> sender() {
        return sender;
    }

    @Override
    public Receiver<T> receiver() {
        return receiver;
    }

    @Override
    public int capacity() {
        return core.capacity();
    }

    @Override
    public int size() {
        return core.size();
    }

    @Override
    public boolean isClosed() {
        return core.isClosed();
    }

    @Override
    public int senderCount() {
        return core.handles.senders();
    }

    @Override
    public int receiverCount() {
        return core.handles.receivers();
    }

    @Override
    public long droppedCount() {
        return core.undelivered.droppedCount();
    }

    @Override
    public String toString() {
        return "Channel[" + core + ", size=" + core.size() + ", capacity="
                + core.capacity() + ", senders=" + senderCount() + ", receivers=" + receiverCount()
                + (core.isClosed() ? ", closed" : "") + "]";
    }
}
