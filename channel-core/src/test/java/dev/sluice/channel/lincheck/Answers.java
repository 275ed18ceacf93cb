package dev.sluice.channel.lincheck;

import dev.sluice.channel.ChannelClosedException;
import dev.sluice.channel.Receiver;
import dev.sluice.channel.Select;
import dev.sluice.channel.Selected;
import dev.sluice.channel.Sender;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * What a channel operation answered, as a plain string, so that Lincheck can compare the answers
 * of the real channel ({@link ChannelOperations}) with those of the model ({@link ChannelModel}).
 * Every way an operation can end maps to one answer here; anything else (an unexpected exception)
 * is left to propagate, and Lincheck reports it as a result the model never gives.
 */
final class Answers {
    static final String SENT = "SENT";
    static final String FULL = "FULL";
    static final String CLOSED = "CLOSED";
    /** A zero-timeout send that found no room. */
    static final String TIMEOUT = "TIMEOUT";
    /** A receive that found the channel open and empty. */
    static final String EMPTY = "EMPTY";
    /** The handle used was closed before the call ({@link IllegalStateException}). */
    static final String HANDLE_CLOSED = "HANDLE_CLOSED";
    /** A select with a default found no clause ready: {@code trySelect()} answered {@code null}. */
    static final String DEFAULT = "DEFAULT";

    /** The cause every {@code fail} passes. */
    static final RuntimeException CAUSE = new ChannelFailure();

    private Answers() {}

    /** The cause a test passes to {@code fail}: stackless, its class name is the answer. */
    static final class ChannelFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ChannelFailure() {
            super("failed by a Lincheck operation", null, false, false);
        }
    }

    static String element(int element) {
        return "element " + element;
    }

    static String failed(String causeClass) {
        return "FAILED(" + causeClass + ")";
    }

    static String trySend(Sender<Integer> tx, int element) {
        try {
            return tx.trySend(element).name();
        } catch (IllegalStateException e) {
            return handleClosed(e);
        }
    }

    static String sendNow(Sender<Integer> tx, int element) {
        try {
            return tx.send(element, Duration.ZERO) ? SENT : TIMEOUT;
        } catch (ChannelClosedException e) {
            return CLOSED;
        } catch (IllegalStateException e) {
            return handleClosed(e);
        } catch (InterruptedException e) {
            throw new AssertionError("a zero-timeout send never waits, so is never interrupted", e);
        }
    }

    /**
     * A blocking send: an operation for flavors where it never waits (unbounded, dropping policies),
     * and in hand-written scenarios where whatever it waits for is sure to come.
     */
    static String send(Sender<Integer> tx, int element) {
        try {
            tx.send(element);
            return SENT;
        } catch (ChannelClosedException e) {
            return CLOSED;
        } catch (IllegalStateException e) {
            return handleClosed(e);
        } catch (InterruptedException e) {
            throw new AssertionError("this flavor's send never waits, so is never interrupted", e);
        }
    }

    static String tryRecv(Receiver<Integer> rx) {
        try {
            return received(rx.tryRecv());
        } catch (ChannelClosedException e) {
            return closed(e);
        } catch (IllegalStateException e) {
            return handleClosed(e);
        }
    }

    static String recvNow(Receiver<Integer> rx) {
        try {
            return received(rx.recv(Duration.ZERO));
        } catch (ChannelClosedException e) {
            return closed(e);
        } catch (IllegalStateException e) {
            return handleClosed(e);
        } catch (InterruptedException e) {
            throw new AssertionError("a zero-timeout receive never waits, so is never interrupted", e);
        }
    }

    /** A blocking receive, in hand-written scenarios where an element or the close is sure to come. */
    static String recv(Receiver<Integer> rx) {
        try {
            return element(rx.recv());
        } catch (ChannelClosedException e) {
            return closed(e);
        } catch (IllegalStateException e) {
            return handleClosed(e);
        } catch (InterruptedException e) {
            throw new AssertionError("nothing interrupts a Lincheck operation", e);
        }
    }

    static String fail(Sender<Integer> tx) {
        try {
            return Boolean.toString(tx.fail(CAUSE));
        } catch (IllegalStateException e) {
            return handleClosed(e);
        }
    }

    /**
     * A select with a default: {@link #DEFAULT}, or the clause that took effect and what it did, as
     * {@link #clause}.
     */
    static String trySelect(Select select) {
        Selected selected = select.trySelect();
        if (selected == null) {
            return DEFAULT;
        }
        ChannelClosedException closed = selected.closed();
        String what;
        if (closed != null) {
            what = closed(closed);
        } else if (selected.isReceive()) {
            what = element(selected.<Integer>value());
        } else {
            what = SENT;
        }
        return clause(selected.index(), what);
    }

    /**
     * The answer of a select whose clause {@code index} took effect: {@code answer} is what that
     * clause's own operation answered ({@code tryRecv}'s element or CLOSED, {@code trySend}'s SENT
     * or CLOSED).
     */
    static String clause(int index, String answer) {
        return "clause " + index + ": " + answer;
    }

    private static String received(@Nullable Integer element) {
        return element == null ? EMPTY : element(element);
    }

    private static String closed(ChannelClosedException e) {
        Throwable cause = e.getCause();
        return cause == null ? CLOSED : failed(cause.getClass().getSimpleName());
    }

    /**
     * A closed handle refuses with {@link IllegalStateException}; any other one (a single-side
     * contract the channel caught being broken) is not an answer the model knows, so it propagates.
     */
    private static String handleClosed(IllegalStateException e) {
        String message = String.valueOf(e.getMessage());
        if (message.endsWith("handle is closed")) {
            return HANDLE_CLOSED;
        }
        throw e;
    }
}
