package dev.sluice.channel.lincheck;

import dev.sluice.channel.Channel;
import dev.sluice.channel.Receiver;
import dev.sluice.channel.Sender;
import org.jetbrains.kotlinx.lincheck.annotations.Operation;
import org.jetbrains.kotlinx.lincheck.annotations.Param;
import org.jetbrains.kotlinx.lincheck.paramgen.IntGen;
import org.jspecify.annotations.Nullable;

/**
 * A channel and its handles as Lincheck sees them: the operations of a scenario, each answering a
 * string from {@link Answers} that the model ({@link ChannelModel}) must give too.
 *
 * <p>The handles: {@code tx} (the channel's sender) and, where the flavor allows a second producer,
 * {@code tx2 = tx.clone()}; {@code rx} and, where it allows a second consumer, {@code rx2 =
 * rx.clone()}. So closing one of two senders (or receivers) is a case, and so is closing both.
 * {@code fail} goes through {@code tx}.
 *
 * <p>Each handle's operations, its {@code close} included, form one {@code nonParallelGroup}, which
 * Lincheck runs on one thread. That keeps the single side of a single-producer or single-consumer
 * flavor on one thread, as its contract requires, and it means a handle is never closed while
 * another thread is inside a call on that same handle: such a call may pass the handle's open
 * check, then meet the channel closed by that very close, and answer CLOSED, which is neither the
 * answer before the close nor {@code HANDLE_CLOSED} after it (a blocked {@code recv} does the same
 * by design). Calls on different handles race freely, and so do {@code size()} and {@code
 * isClosed()}.
 *
 * <p>Lincheck collects the {@code @Operation} methods of a test class and its superclasses; the
 * nested classes are the sets of handles: {@link Mpmc} (two senders, two receivers), {@link
 * SingleProducer}, {@link SingleConsumer}, {@link Spsc}, and the {@code NeverWaiting} variants that
 * add the blocking {@code send} for flavors where it never waits (unbounded, dropping policies). A
 * flavor is a subclass with a public no-argument constructor that builds its channel; Lincheck
 * makes one per invocation.
 */
public abstract class ChannelOperations {
    static final String TX = "tx";
    static final String TX2 = "tx2";
    static final String RX = "rx";
    static final String RX2 = "rx2";

    /** Elements are small, so that a lost, duplicated or reordered one shows in a short trace. */
    static final String ELEMENTS = "1:9";

    protected final Channel<Integer> channel;
    protected final Sender<Integer> tx;
    protected final Receiver<Integer> rx;
    protected final @Nullable Sender<Integer> tx2;
    protected final @Nullable Receiver<Integer> rx2;

    /**
     * @param senders 1, or 2 to clone a second sender handle
     * @param receivers 1, or 2 to clone a second receiver handle
     */
    protected ChannelOperations(Channel<Integer> channel, int senders, int receivers) {
        this.channel = channel;
        this.tx = channel.sender();
        this.rx = channel.receiver();
        this.tx2 = senders > 1 ? tx.clone() : null;
        this.rx2 = receivers > 1 ? rx.clone() : null;
    }

    final Sender<Integer> secondSender() {
        if (tx2 == null) {
            throw new AssertionError("this flavor has no second sender");
        }
        return tx2;
    }

    final Receiver<Integer> secondReceiver() {
        if (rx2 == null) {
            throw new AssertionError("this flavor has no second receiver");
        }
        return rx2;
    }

    // ---- tx -----------------------------------------------------------------------------------

    @Operation(nonParallelGroup = TX)
    public String trySend(@Param(gen = IntGen.class, conf = ELEMENTS) int element) {
        return Answers.trySend(tx, element);
    }

    @Operation(nonParallelGroup = TX)
    public String sendNow(@Param(gen = IntGen.class, conf = ELEMENTS) int element) {
        return Answers.sendNow(tx, element);
    }

    @Operation(nonParallelGroup = TX)
    public void closeSender() {
        tx.close();
    }

    @Operation(nonParallelGroup = TX)
    public String fail() {
        return Answers.fail(tx);
    }

    // ---- rx -----------------------------------------------------------------------------------

    @Operation(nonParallelGroup = RX)
    public String tryRecv() {
        return Answers.tryRecv(rx);
    }

    @Operation(nonParallelGroup = RX)
    public String recvNow() {
        return Answers.recvNow(rx);
    }

    @Operation(nonParallelGroup = RX)
    public void closeReceiver() {
        rx.close();
    }

    // ---- any thread ---------------------------------------------------------------------------

    @Operation
    public int size() {
        return channel.size();
    }

    @Operation
    public boolean isClosed() {
        return channel.isClosed();
    }

    /** {@code singleProducer().singleConsumer()}: one handle per side. */
    public abstract static class Spsc extends ChannelOperations {
        protected Spsc(Channel<Integer> channel) {
            super(channel, 1, 1);
        }
    }

    /** {@code singleProducer()}: one sender handle, two receiver handles. */
    public abstract static class SingleProducer extends ChannelOperations {
        protected SingleProducer(Channel<Integer> channel) {
            super(channel, 1, 2);
        }

        @Operation(nonParallelGroup = RX2)
        public String tryRecv2() {
            return Answers.tryRecv(secondReceiver());
        }

        @Operation(nonParallelGroup = RX2)
        public void closeReceiver2() {
            secondReceiver().close();
        }
    }

    /** Flavors with a second sender handle. */
    public abstract static class TwoSenders extends ChannelOperations {
        TwoSenders(Channel<Integer> channel, int receivers) {
            super(channel, 2, receivers);
        }

        @Operation(nonParallelGroup = TX2)
        public String trySend2(@Param(gen = IntGen.class, conf = ELEMENTS) int element) {
            return Answers.trySend(secondSender(), element);
        }

        @Operation(nonParallelGroup = TX2)
        public void closeSender2() {
            secondSender().close();
        }
    }

    /** {@code singleConsumer()}: two sender handles, one receiver handle. */
    public abstract static class SingleConsumer extends TwoSenders {
        protected SingleConsumer(Channel<Integer> channel) {
            super(channel, 1);
        }
    }

    /** Two sender and two receiver handles: bounded, unbounded, rendezvous, dropping policies. */
    public abstract static class Mpmc extends TwoSenders {
        protected Mpmc(Channel<Integer> channel) {
            super(channel, 2);
        }

        @Operation(nonParallelGroup = RX2)
        public String tryRecv2() {
            return Answers.tryRecv(secondReceiver());
        }

        @Operation(nonParallelGroup = RX2)
        public void closeReceiver2() {
            secondReceiver().close();
        }
    }

    /** {@link Mpmc} plus the blocking {@code send}, for flavors where it never waits. */
    public abstract static class MpmcNeverWaiting extends Mpmc {
        protected MpmcNeverWaiting(Channel<Integer> channel) {
            super(channel);
        }

        @Operation(nonParallelGroup = TX)
        public String send(@Param(gen = IntGen.class, conf = ELEMENTS) int element) {
            return Answers.send(tx, element);
        }
    }

    /** {@link Spsc} plus the blocking {@code send}, for flavors where it never waits. */
    public abstract static class SpscNeverWaiting extends Spsc {
        protected SpscNeverWaiting(Channel<Integer> channel) {
            super(channel);
        }

        @Operation(nonParallelGroup = TX)
        public String send(@Param(gen = IntGen.class, conf = ELEMENTS) int element) {
            return Answers.send(tx, element);
        }
    }
}
