package dev.sluice.channel.lincheck;

import dev.sluice.channel.Channel;
import dev.sluice.channel.Overflow;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The sequential specification the Lincheck tests check every flavor against: a FIFO of at most
 * {@code capacity} elements with the close rules of DESIGN.md, written from the rules and the
 * public Javadoc (not from the implementation).
 *
 * <ul>
 *   <li>S2: {@code trySend} answers SENT while there is room, FULL when full (for a rendezvous
 *       channel always, since no receiver can be waiting in these tests), CLOSED once closed for
 *       sending; a zero-timeout send answers SENT, TIMEOUT or CLOSED.
 *   <li>S3: {@code tryRecv} and a zero-timeout {@code recv} take the oldest element, answer EMPTY
 *       while open and empty, and CLOSED (or FAILED with the cause) once closed and drained.
 *   <li>S4: each handle closes once; the last sender closed closes the channel and receivers still
 *       drain it; the last receiver closed closes it and discards the buffer; a closed handle
 *       refuses every use.
 *   <li>S5: {@code fail(cause)} closes the channel for every sender at once (true if this call
 *       closed it) and closes that handle; receivers drain, then see the cause.
 *   <li>S11: {@code size()} is the number of buffered elements (none for rendezvous, none once
 *       the last receiver closed), and {@code isClosed()} whether the channel is closed for
 *       sending.
 *   <li>Overflow: DROP_OLDEST evicts the oldest element to make room for any send; DROP_NEWEST
 *       drops the new element of a {@code send} (which reports success) but {@code trySend} still
 *       answers FULL.
 * </ul>
 *
 * <p>The operation methods have the names and parameters of the operations in {@link
 * ChannelOperations}: Lincheck runs each actor of a scenario on this model by that signature, and
 * the answers are the same strings ({@link Answers}). Lincheck makes a model with the no-argument
 * constructor of a subclass, one per flavor.
 */
public abstract class ChannelModel {
    private final int capacity;
    private final Overflow overflow;
    private final ArrayDeque<Integer> buffer = new ArrayDeque<>();
    /** Open state of the sender handles tx, tx2 and receiver handles rx, rx2. */
    private final boolean[] senderOpen;

    private final boolean[] receiverOpen;
    private boolean closed;
    private @Nullable String failure;

    /**
     * @param capacity 0 for rendezvous, {@link Channel#UNBOUNDED} for unbounded
     * @param senders how many sender handles the operations start with (1, or 2 with a clone)
     * @param receivers how many receiver handles the operations start with
     */
    protected ChannelModel(int capacity, Overflow overflow, int senders, int receivers) {
        this.capacity = capacity;
        this.overflow = overflow;
        this.senderOpen = new boolean[] {true, senders > 1};
        this.receiverOpen = new boolean[] {true, receivers > 1};
    }

    // ---- sending ------------------------------------------------------------------------------

    public String trySend(int element) {
        return trySendVia(0, element);
    }

    public String trySend2(int element) {
        return trySendVia(1, element);
    }

    public String sendNow(int element) {
        return sendVia(0, element, false);
    }

    public String send(int element) {
        return sendVia(0, element, true);
    }

    private String trySendVia(int handle, int element) {
        if (!senderOpen[handle]) {
            return Answers.HANDLE_CLOSED;
        }
        if (closed) {
            return Answers.CLOSED;
        }
        if (buffer.size() < capacity) {
            buffer.addLast(element);
            return Answers.SENT;
        }
        if (overflow == Overflow.DROP_OLDEST) {
            buffer.removeFirst();
            buffer.addLast(element);
            return Answers.SENT;
        }
        return Answers.FULL;
    }

    /** A zero-timeout send, or (for flavors where it never waits) a blocking one. */
    private String sendVia(int handle, int element, boolean blocking) {
        if (!senderOpen[handle]) {
            return Answers.HANDLE_CLOSED;
        }
        if (closed) {
            return Answers.CLOSED;
        }
        if (buffer.size() < capacity) {
            buffer.addLast(element);
            return Answers.SENT;
        }
        switch (overflow) {
            case DROP_OLDEST:
                buffer.removeFirst();
                buffer.addLast(element);
                return Answers.SENT;
            case DROP_NEWEST:
                return Answers.SENT; // dropped, but the send reports success
            default:
                if (blocking) {
                    // it cannot take effect here: a linearization that puts it here is refused
                    throw new IllegalStateException("a blocking send would wait here");
                }
                return Answers.TIMEOUT;
        }
    }

    // ---- receiving ----------------------------------------------------------------------------

    public String tryRecv() {
        return recvVia(0);
    }

    public String recvNow() {
        return recvVia(0);
    }

    public String tryRecv2() {
        return recvVia(1);
    }

    /**
     * A blocking receive: it cannot take effect while the channel is open and empty, so a
     * linearization that puts it there is refused (its answer differs from any real one).
     */
    public String recv() {
        if (receiverOpen[0] && buffer.isEmpty() && !closed) {
            throw new IllegalStateException("a blocking recv would wait here");
        }
        return recvVia(0);
    }

    private String recvVia(int handle) {
        if (!receiverOpen[handle]) {
            return Answers.HANDLE_CLOSED;
        }
        if (!buffer.isEmpty()) {
            return Answers.element(buffer.removeFirst());
        }
        if (closed) {
            return failure == null ? Answers.CLOSED : Answers.failed(failure);
        }
        return Answers.EMPTY;
    }

    // ---- closing ------------------------------------------------------------------------------

    public void closeSender() {
        closeSenderHandle(0);
    }

    public void closeSender2() {
        closeSenderHandle(1);
    }

    private void closeSenderHandle(int handle) {
        if (senderOpen[handle]) {
            senderOpen[handle] = false;
            if (!senderOpen[0] && !senderOpen[1]) {
                closed = true; // the last sender: receivers drain, then see the channel closed
            }
        }
    }

    public String fail() {
        if (!senderOpen[0]) {
            return Answers.HANDLE_CLOSED;
        }
        boolean closedIt = !closed;
        if (closedIt) {
            closed = true;
            failure = Answers.CAUSE.getClass().getSimpleName();
        }
        closeSenderHandle(0);
        return Boolean.toString(closedIt);
    }

    public void closeReceiver() {
        closeReceiverHandle(0);
    }

    public void closeReceiver2() {
        closeReceiverHandle(1);
    }

    private void closeReceiverHandle(int handle) {
        if (receiverOpen[handle]) {
            receiverOpen[handle] = false;
            if (!receiverOpen[0] && !receiverOpen[1]) {
                closed = true;
                buffer.clear(); // nobody can receive these
            }
        }
    }

    // ---- introspection ------------------------------------------------------------------------

    public int size() {
        return buffer.size();
    }

    public boolean isClosed() {
        return closed;
    }

    // ---- state equality, so Lincheck's verifier can merge equal model states ------------------

    private List<Object> state() {
        List<Object> state = new ArrayList<>(buffer);
        state.add(List.of(senderOpen[0], senderOpen[1], receiverOpen[0], receiverOpen[1]));
        state.add(closed);
        state.add(String.valueOf(failure));
        return state;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChannelModel
                && o.getClass() == getClass()
                && ((ChannelModel) o).state().equals(state());
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass(), state());
    }
}
