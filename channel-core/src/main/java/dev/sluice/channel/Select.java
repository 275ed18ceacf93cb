package dev.sluice.channel;

import dev.sluice.channel.internal.Selection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Waits on several channels at once, as Go's {@code select}, crossbeam's {@code Select} and Kotlin's
 * {@code select {}} do: of the receive and send clauses added, <b>exactly one takes effect</b> (S14),
 * the first that can, and the others have no effect at all (no element taken, sent or buffered on
 * their behalf), under every interleaving, on channels of every flavor, rendezvous included.
 *
 * <pre>{@code
 * // value form: which clause fired, and with what
 * Selected s = Select.create().receive(orders).receive(cancels).select();
 * if (s.index() == 0) handle(s.<Order>value());
 *
 * // callback form: the fired clause's callback runs before select() returns
 * Select.create()
 *         .onReceive(orders, order -> handle(order))
 *         .onReceive(cancels, id -> cancel(id))
 *         .onSend(out, report, () -> sent++)
 *         .select(Duration.ofSeconds(1));
 * }</pre>
 *
 * <ul>
 *   <li>{@link #select()} waits; {@link #select(Duration)} waits at most a timeout; {@link
 *       #trySelect()} never waits (nothing ready: {@code null}, the default); {@link #selectAsync()}
 *       completes a stage instead, so reactive code can select too.
 *   <li>Fair by default: among clauses that are ready, each select starts from a random one; {@link
 *       #biased()} tries them in the order added (S15).
 *   <li>A receive clause on a channel closed and drained, or a send clause on a channel closed for
 *       sending, is ready: it fires as {@linkplain Selected#isClosed() closed} (with the failure as the
 *       close's cause) instead of waiting forever (S15).
 *   <li>A timeout or an interrupt leaves every channel exactly as if the select had not run.
 *   <li>Waiting is one registration in each clause's channel, claimed once, by whoever completes it:
 *       no polling, no thread per clause.
 * </ul>
 *
 * <p>A {@code Select} may be run again and again (an actor's loop), but by one thread at a time. It
 * holds its handles; it does not close them.
 */
public final class Select {
    private final List<Selection.Op> ops = new ArrayList<>();
    private final List<Clause> clauses = new ArrayList<>();
    private boolean biased;
    private @Nullable Selection engine;
    private final AtomicBoolean running = new AtomicBoolean();

    private Select() {}

    /**
     * A select with no clauses yet, fair.
     *
     * @return a new select
     */
    public static Select create() {
        return new Select();
    }

    /**
     * Tries the clauses in the order added, instead of from a random one.
     *
     * @return this select
     */
    public Select biased() {
        biased = true;
        engine = null;
        return this;
    }

    /**
     * A clause that receives from {@code rx}; the result's {@link Selected#value()} is the element.
     *
     * @param <T> the element type
     * @param rx the handle to receive from
     * @return this select
     * @throws NullPointerException if {@code rx} is null
     * @throws IllegalArgumentException if {@code rx} is not a Sluice channel's handle
     */
    public <T> Select receive(Receiver<T> rx) {
        return add(Selection.receive(Objects.requireNonNull(rx, "rx is null")), new Clause(null, null, null));
    }

    /**
     * A clause that receives the value of a {@link Oneshot}; it fires as closed if the sender closed
     * without one.
     *
     * @param <T> the value's type
     * @param reply the receiving end of the oneshot
     * @return this select
     * @throws NullPointerException if {@code reply} is null
     */
    public <T> Select receive(Oneshot.OneshotReceiver<T> reply) {
        return add(
                Selection.receive(Objects.requireNonNull(reply, "reply is null").cell()), new Clause(null, null, null));
    }

    /**
     * A clause that receives the value of a {@link Oneshot} and passes it to {@code onValue}.
     *
     * @param <T> the value's type
     * @param reply the receiving end of the oneshot
     * @param onValue receives the value, on the selecting thread, before the select returns
     * @return this select
     * @throws NullPointerException if an argument is null
     */
    public <T> Select onReceive(Oneshot.OneshotReceiver<T> reply, Consumer<? super T> onValue) {
        Objects.requireNonNull(onValue, "onValue is null");
        return add(
                Selection.receive(Objects.requireNonNull(reply, "reply is null").cell()),
                new Clause(onValue, null, null));
    }

    /**
     * A clause that receives from {@code rx} and passes the element to {@code onValue}, on the
     * selecting thread, before the select returns. If it fires as closed, nothing is called (see
     * {@link #onReceive(Receiver, Consumer, Consumer)}).
     *
     * @param <T> the element type
     * @param rx the handle to receive from
     * @param onValue receives the element, on the selecting thread, before the select returns
     * @return this select
     * @throws NullPointerException if an argument is null
     */
    public <T> Select onReceive(Receiver<T> rx, Consumer<? super T> onValue) {
        Objects.requireNonNull(onValue, "onValue is null");
        return add(Selection.receive(Objects.requireNonNull(rx, "rx is null")), new Clause(onValue, null, null));
    }

    /**
     * As {@link #onReceive(Receiver, Consumer)}, calling {@code onClosed} if the clause fires because
     * the channel is closed and drained (Kotlin's {@code onReceiveCatching}).
     *
     * @param <T> the element type
     * @param rx the handle to receive from
     * @param onValue receives the element, on the selecting thread, before the select returns
     * @param onClosed receives the close the clause found (its cause is the failure, if the channel
     *     was failed), on the selecting thread, before the select returns
     * @return this select
     * @throws NullPointerException if an argument is null
     */
    public <T> Select onReceive(
            Receiver<T> rx, Consumer<? super T> onValue, Consumer<? super ChannelClosedException> onClosed) {
        Objects.requireNonNull(onValue, "onValue is null");
        Objects.requireNonNull(onClosed, "onClosed is null");
        return add(Selection.receive(Objects.requireNonNull(rx, "rx is null")), new Clause(onValue, null, onClosed));
    }

    /**
     * A clause that sends {@code element} through {@code tx}.
     *
     * @param <T> the element type
     * @param tx the handle to send through
     * @param element the element to send; not null
     * @return this select
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code tx} is not a Sluice channel's handle
     */
    public <T> Select send(Sender<T> tx, T element) {
        return add(Selection.send(Objects.requireNonNull(tx, "tx is null"), element), new Clause(null, null, null));
    }

    /**
     * A clause that sends {@code element} through {@code tx}, then runs {@code onSent} on the selecting
     * thread before the select returns. If it fires as closed, nothing is called (see {@link
     * #onSend(Sender, Object, Runnable, Consumer)}).
     *
     * @param <T> the element type
     * @param tx the handle to send through
     * @param element the element to send; not null
     * @param onSent runs once the element was sent, on the selecting thread, before the select
     *     returns
     * @return this select
     * @throws NullPointerException if an argument is null
     */
    public <T> Select onSend(Sender<T> tx, T element, Runnable onSent) {
        Objects.requireNonNull(onSent, "onSent is null");
        return add(Selection.send(Objects.requireNonNull(tx, "tx is null"), element), new Clause(null, onSent, null));
    }

    /**
     * As {@link #onSend(Sender, Object, Runnable)}, calling {@code onClosed} if the clause fires because
     * the channel is closed for sending (the element then stays the caller's).
     *
     * @param <T> the element type
     * @param tx the handle to send through
     * @param element the element to send; not null
     * @param onSent runs once the element was sent, on the selecting thread, before the select
     *     returns
     * @param onClosed receives the close the clause found (its cause is the failure, if the channel
     *     was failed), on the selecting thread, before the select returns
     * @return this select
     * @throws NullPointerException if an argument is null
     */
    public <T> Select onSend(
            Sender<T> tx, T element, Runnable onSent, Consumer<? super ChannelClosedException> onClosed) {
        Objects.requireNonNull(onSent, "onSent is null");
        Objects.requireNonNull(onClosed, "onClosed is null");
        return add(
                Selection.send(Objects.requireNonNull(tx, "tx is null"), element), new Clause(null, onSent, onClosed));
    }

    private Select add(Selection.Op op, Clause clause) {
        ops.add(op);
        clauses.add(clause);
        engine = null;
        return this;
    }

    /**
     * Waits until one clause takes effect, and returns it (after running its callback).
     *
     * @return the clause that took effect
     * @throws InterruptedException if interrupted while waiting; no clause took effect
     * @throws IllegalStateException if there are no clauses, a clause's handle is closed, the select is
     *     already running, or the thread must not block (a Reactor non-blocking thread)
     */
    public Selected select() throws InterruptedException {
        return Objects.requireNonNull(run(null));
    }

    /**
     * As {@link #select()}, waiting at most {@code timeout}.
     *
     * @param timeout how long to wait at most; zero means try once without waiting
     * @return the clause that took effect, or {@code null} if none did within the timeout
     * @throws InterruptedException if interrupted while waiting; no clause took effect
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws NullPointerException if {@code timeout} is null
     */
    public @Nullable Selected select(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout is null");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout is negative: " + timeout);
        }
        return run(timeout);
    }

    /**
     * The clause that can take effect now, if any, without waiting: {@code null} is the default case,
     * nothing taken or sent. Each clause is tried once, in the select's order, and each try is
     * atomic; the round as a whole is not one instant (as with crossbeam's and Kotlin's, unlike Go's
     * select with a default): a clause tried early may become ready while a later one is tried.
     *
     * @return the clause that took effect, or {@code null} if none could now
     * @throws IllegalStateException if there are no clauses, a clause's handle is closed, or the select
     *     is already running
     */
    public @Nullable Selected trySelect() {
        Selection e = start();
        try {
            return finish(e.trySelect());
        } finally {
            running.lazySet(false); // a release store: the next start's CAS sees everything this run did
        }
    }

    /**
     * Selects without blocking a thread: the stage completes with the clause that took effect (after
     * its callback ran, on the thread that made it possible). Cancelling the stage (or completing it
     * from outside, as {@code orTimeout} does) withdraws the select if no clause has taken effect; once
     * one has, the cancel fails and the result stands, so a received element is never lost.
     *
     * @return a stage that completes with the clause that took effect
     * @throws IllegalStateException if there are no clauses, a clause's handle is closed, or the select
     *     is already running
     */
    public CompletionStage<Selected> selectAsync() {
        Selection e = start();
        // This run ends either before its callback (which may select again: the release must not
        // come after that next run started) or, cancelled or failed, when its stage completes; the
        // first of the two releases the select, once.
        AtomicBoolean ended = new AtomicBoolean();
        Runnable end = () -> {
            if (ended.compareAndSet(false, true)) {
                running.lazySet(false); // a release store: the next start's CAS sees everything this run did
            }
        };
        java.util.concurrent.CompletableFuture<Selected> stage;
        try {
            stage = e.selectAsync(f -> {
                end.run();
                return Objects.requireNonNull(finish(f));
            });
        } catch (RuntimeException | Error failed) {
            end.run();
            throw failed;
        }
        stage.whenComplete((r, t) -> end.run());
        return stage;
    }

    private @Nullable Selected run(@Nullable Duration timeout) throws InterruptedException {
        Selection e = start();
        try {
            return finish(e.select(timeout));
        } finally {
            running.lazySet(false); // a release store: the next start's CAS sees everything this run did
        }
    }

    private Selection start() {
        if (ops.isEmpty()) {
            throw new IllegalStateException("a select needs at least one clause");
        }
        if (!running.compareAndSet(false, true)) {
            throw new IllegalStateException("this select is already running: use one Select per thread");
        }
        Selection e = engine;
        if (e == null) {
            engine = e = new Selection(ops, biased);
        }
        return e;
    }

    private @Nullable Selected finish(Selection.@Nullable Fired f) {
        if (f == null) {
            return null;
        }
        Clause c = clauses.get(f.index);
        Selected s = new Selected(f.index, c.receiving(ops.get(f.index)), f.value, f.closed);
        c.run(s);
        return s;
    }

    /** A clause's callbacks, if any. */
    private static final class Clause {
        private final @Nullable Consumer<Object> onValue;
        private final @Nullable Runnable onSent;
        private final @Nullable Consumer<? super ChannelClosedException> onClosed;

        @SuppressWarnings("unchecked")
        Clause(
                @Nullable Consumer<?> onValue,
                @Nullable Runnable onSent,
                @Nullable Consumer<? super ChannelClosedException> onClosed) {
            this.onValue = (Consumer<Object>) onValue;
            this.onSent = onSent;
            this.onClosed = onClosed;
        }

        boolean receiving(Selection.Op op) {
            return Selection.isReceive(op);
        }

        void run(Selected s) {
            ChannelClosedException closed = s.closed();
            if (closed != null) {
                if (onClosed != null) {
                    onClosed.accept(closed);
                }
            } else if (s.isReceive()) {
                if (onValue != null) {
                    onValue.accept(s.value());
                }
            } else if (onSent != null) {
                onSent.run();
            }
        }
    }
}
