package dev.sluice.channel;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;

/**
 * One value from one sender to one receiver: the reply channel of the actor pattern (tokio's {@code
 * oneshot}, S16). Make one per request, send the {@link #sender()} with the request, keep the {@link
 * #receiver()}:
 *
 * <pre>{@code
 * Oneshot<Balance> reply = Oneshot.create();
 * requests.send(new GetBalance(account, reply.sender()));
 * Balance b = reply.receiver().await(Duration.ofSeconds(1));   // or .toStage(), Mono.from(...)
 *
 * // in the actor:
 * if (!request.reply().send(balanceOf(request.account()))) {
 *     // the asker is gone (it closed its receiver, or gave up): nobody will read it
 * }
 * }</pre>
 *
 * <p>A sender closed without a value (or forgotten: the garbage collector closes it, as it does a
 * channel's handles) is seen by the receiver as closed, never as a hang. A receiver can be a {@link
 * Select} clause ({@link Select#receive(Oneshot.OneshotReceiver)}).
 *
 * @param <T> the value's type
 */
public final class Oneshot<T> {
    private final OneshotSender<T> sender;
    private final OneshotReceiver<T> receiver;

    private Oneshot(Channel<T> ch) {
        this.sender = new OneshotSender<>(ch.sender());
        this.receiver = new OneshotReceiver<>(ch.receiver());
    }

    /**
     * A new oneshot, nothing sent yet.
     *
     * @param <T> the value's type
     * @return a new oneshot, with its sending and receiving ends
     */
    public static <T> Oneshot<T> create() {
        return new Oneshot<>(Channel.<T>builder()
                .capacity(1)
                .singleProducer()
                .singleConsumer()
                .build());
    }

    /**
     * The sending end: give it to whoever will reply.
     *
     * @return the sending end (the same object on every call)
     */
    public OneshotSender<T> sender() {
        return sender;
    }

    /**
     * The receiving end: keep it to read the reply.
     *
     * @return the receiving end (the same object on every call)
     */
    public OneshotReceiver<T> receiver() {
        return receiver;
    }

    /**
     * The sending end of a {@link Oneshot}: sends one value, once.
     *
     * @param <T> the value type
     */
    public static final class OneshotSender<T> implements AutoCloseable {
        private final Sender<T> tx;
        private final AtomicBoolean used = new AtomicBoolean();
        /** Set when {@link #close()} used it up without a value (for the refusal's message). */
        private volatile boolean closedEmpty;

        OneshotSender(Sender<T> tx) {
            this.tx = tx;
        }

        /**
         * Sends the value, and closes this end. Never waits.
         *
         * @param value the value to send; not null
         * @return {@code true} if the value was delivered to the receiving end; {@code false} if the
         *     receiver is gone (closed), so that nobody will read it
         * @throws IllegalStateException if a value was already sent, or this end was closed
         * @throws NullPointerException if {@code value} is null
         */
        public boolean send(T value) {
            Objects.requireNonNull(value, "value is null");
            if (!used.compareAndSet(false, true)) {
                throw refused();
            }
            try {
                return tx.trySend(value) == SendStatus.SENT; // empty, and one send only: SENT unless the receiver left
            } finally {
                tx.close();
            }
        }

        /**
         * Ends the oneshot with a failure instead of a value (an error reply): the receiver's {@code
         * await} throws {@link ChannelClosedException} with {@code cause} as its cause, its stage
         * completes exceptionally, and its subscriber gets {@code onError(cause)}.
         *
         * @param cause the failure the receiver gets instead of a value; not null
         * @return {@code true} if the receiver will see it; {@code false} if it is gone
         * @throws IllegalStateException if a value was already sent, or this end was closed
         * @throws NullPointerException if {@code cause} is null
         */
        public boolean fail(Throwable cause) {
            Objects.requireNonNull(cause, "cause is null");
            if (!used.compareAndSet(false, true)) {
                throw refused();
            }
            return tx.fail(cause);
        }

        /**
         * Whether the receiving end is gone, so that a value sent now would not be delivered.
         *
         * @return {@code true} if the receiving end is gone
         */
        public boolean isClosed() {
            return tx.isClosed();
        }

        private IllegalStateException refused() {
            return new IllegalStateException(
                    closedEmpty ? "this oneshot sender is closed" : "a oneshot sends one value: already sent");
        }

        /** Closes this end without a value: the receiver sees the oneshot closed. Idempotent. */
        @Override
        public void close() {
            if (used.compareAndSet(false, true)) {
                closedEmpty = true;
            }
            tx.close();
        }

        @Override
        public String toString() {
            return "OneshotSender[" + (used.get() ? "used" : "unused") + "]";
        }
    }

    /**
     * The receiving end of a {@link Oneshot}: reads the one value. It is also a {@link Publisher} of
     * zero or one element ({@code Mono.from(receiver)}): the value then completion, or completion
     * alone if the sender closed without one.
     *
     * @param <T> the value type
     */
    public static final class OneshotReceiver<T> implements AutoCloseable, Publisher<T> {
        private final Receiver<T> rx;

        OneshotReceiver(Receiver<T> rx) {
            this.rx = rx;
        }

        /** The channel handle underneath, for {@link Select}. */
        Receiver<T> handle() {
            return rx;
        }

        /**
         * Waits for the value.
         *
         * @return the value
         * @throws ChannelClosedException if the sender closed without a value (or the value was already
         *     received)
         * @throws InterruptedException if interrupted while waiting; nothing was received
         * @throws IllegalStateException if this end was closed
         */
        public T await() throws InterruptedException {
            return rx.recv();
        }

        /**
         * Waits at most {@code timeout} for the value.
         *
         * @param timeout how long to wait at most; zero means try once without waiting
         * @return the value, or {@code null} if it did not come within the timeout (it may still come)
         * @throws ChannelClosedException if the sender closed without a value
         * @throws InterruptedException if interrupted while waiting; nothing was received
         * @throws IllegalArgumentException if {@code timeout} is negative
         */
        public @Nullable T await(Duration timeout) throws InterruptedException {
            return rx.recv(timeout);
        }

        /**
         * The value if it has come, else {@code null}. Never waits.
         *
         * @return the value, or {@code null} if it has not come yet
         * @throws ChannelClosedException if the sender closed without a value
         */
        public @Nullable T tryReceive() {
            return rx.tryRecv();
        }

        /**
         * A stage completed with the value, or exceptionally with {@link ChannelClosedException} if the
         * sender closed without one.
         *
         * @return a stage of the value
         */
        public CompletionStage<T> toStage() {
            return rx.recvAsync();
        }

        /** Subscribes to the value: {@code onNext(value)} then {@code onComplete}, or {@code onComplete} alone. */
        @Override
        public void subscribe(Subscriber<? super T> subscriber) {
            rx.subscribe(subscriber);
        }

        /**
         * Whether a value is waiting to be received.
         *
         * @return {@code true} if a value is waiting to be received
         */
        public boolean isReady() {
            return rx.size() > 0;
        }

        /** Closes this end: a later {@code send} reports that the value was not delivered. Idempotent. */
        @Override
        public void close() {
            rx.close();
        }

        @Override
        public String toString() {
            return "OneshotReceiver[" + (rx.size() > 0 ? "ready" : rx.isTerminated() ? "closed" : "waiting") + "]";
        }
    }
}
