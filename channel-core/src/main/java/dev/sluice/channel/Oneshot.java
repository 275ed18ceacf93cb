package dev.sluice.channel;

import dev.sluice.channel.internal.OneshotCell;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
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
 * channel's handles) is seen by the receiver as closed, never as a hang. The collector can only do
 * that once nothing reaches the sender: the {@code Oneshot} object itself holds it, and so does a
 * callback on the receiving side that captures it, so keep the receiver, not the {@code Oneshot}, and
 * close senders you do not use rather than count on the collector. A receiver can be a {@link
 * Select} clause ({@link Select#receive(Oneshot.OneshotReceiver)}). A receiver that was closed makes
 * {@code send} report {@code false}; one dropped without {@code close()} is not watched (a oneshot is
 * made per request, and costs one slot, not a channel), so {@code send} then reports {@code true}
 * and the value goes with the receiver.
 *
 * @param <T> the value's type
 */
public final class Oneshot<T> {
    private final OneshotSender<T> sender;
    private final OneshotReceiver<T> receiver;

    private Oneshot() {
        OneshotCell<T> cell = new OneshotCell<>();
        this.sender = new OneshotSender<>(cell);
        this.receiver = new OneshotReceiver<>(cell);
    }

    /**
     * A new oneshot, nothing sent yet.
     *
     * @param <T> the value's type
     * @return a new oneshot, with its sending and receiving ends
     */
    public static <T> Oneshot<T> create() {
        return new Oneshot<>();
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
        private static final VarHandle USED;

        static {
            try {
                USED = MethodHandles.lookup().findVarHandle(OneshotSender.class, "used", boolean.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final OneshotCell<T> cell;
        /** Closes the oneshot if this end is dropped unused; unregistered by its first use. */
        private final Cleaner.Cleanable guard;
        /** Set by the first of send, fail and close: this end acts once. */
        private volatile boolean used;
        /** Set when {@link #close()} used it up without a value (for the refusal's message). */
        private volatile boolean closedEmpty;

        OneshotSender(OneshotCell<T> cell) {
            this.cell = cell;
            this.guard = cell.guard(this);
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
            use();
            try {
                return cell.offer(value);
            } finally {
                guard.clean(); // the oneshot has left EMPTY: the guard finds nothing to close
                Reference.reachabilityFence(this); // no cleaning while the send runs: it would race it
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
            use();
            try {
                return cell.fail(cause);
            } finally {
                guard.clean();
                Reference.reachabilityFence(this);
            }
        }

        private void use() {
            if (!USED.compareAndSet(this, false, true)) {
                throw new IllegalStateException(
                        closedEmpty ? "this oneshot sender is closed" : "a oneshot sends one value: already sent");
            }
        }

        /**
         * Whether the receiving end is gone, so that a value sent now would not be delivered.
         *
         * @return {@code true} if the receiving end is gone
         */
        public boolean isClosed() {
            return cell.isReceiverGone();
        }

        /** Closes this end without a value: the receiver sees the oneshot closed. Idempotent. */
        @Override
        public void close() {
            if (USED.compareAndSet(this, false, true)) {
                closedEmpty = true;
                cell.closeEmpty();
                guard.clean();
            }
            Reference.reachabilityFence(this);
        }

        @Override
        public String toString() {
            return "OneshotSender[" + (used ? "used" : "unused") + "]";
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
        private final OneshotCell<T> cell;

        OneshotReceiver(OneshotCell<T> cell) {
            this.cell = cell;
        }

        /** The slot underneath, for {@link Select}. */
        OneshotCell<T> cell() {
            return cell;
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
            return Objects.requireNonNull(cell.await(null));
        }

        /**
         * Waits at most {@code timeout} for the value.
         *
         * @param timeout how long to wait at most; zero means try once without waiting
         * @return the value, or {@code null} if it did not come within the timeout (it may still come)
         * @throws ChannelClosedException if the sender closed without a value
         * @throws InterruptedException if interrupted while waiting; nothing was received
         * @throws IllegalArgumentException if {@code timeout} is negative
         * @throws IllegalStateException if this end was closed
         */
        public @Nullable T await(Duration timeout) throws InterruptedException {
            return cell.await(Objects.requireNonNull(timeout, "timeout is null"));
        }

        /**
         * The value if it has come, else {@code null}. Never waits.
         *
         * @return the value, or {@code null} if it has not come yet
         * @throws ChannelClosedException if the sender closed without a value
         * @throws IllegalStateException if this end was closed
         */
        public @Nullable T tryReceive() {
            return cell.poll();
        }

        /**
         * A stage completed with the value, or exceptionally with {@link ChannelClosedException} if the
         * sender closed without one. Completing the stage from outside first (cancelling it, {@code
         * orTimeout}) leaves a value that comes later for another receive.
         *
         * @return a stage of the value
         */
        public CompletionStage<T> toStage() {
            return cell.stage();
        }

        /**
         * Subscribes to the value: {@code onNext(value)} then {@code onComplete}, or {@code onComplete}
         * alone; one subscriber per receiver (a second gets {@code onError}). Cancelling closes this end.
         */
        @Override
        public void subscribe(Subscriber<? super T> subscriber) {
            cell.subscribe(Objects.requireNonNull(subscriber, "subscriber is null (§1.9)"));
        }

        /**
         * Whether a value is waiting to be received.
         *
         * @return {@code true} if a value is waiting to be received
         */
        public boolean isReady() {
            return cell.isReady();
        }

        /** Closes this end: a later {@code send} reports that the value was not delivered. Idempotent. */
        @Override
        public void close() {
            cell.closeReceiver();
        }

        @Override
        public String toString() {
            return "OneshotReceiver[" + cell + "]";
        }
    }
}
