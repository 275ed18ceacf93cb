package dev.sluice.channel.lincheck;

import dev.sluice.channel.Channel;
import dev.sluice.channel.Overflow;
import dev.sluice.channel.Receiver;
import dev.sluice.channel.Select;
import dev.sluice.channel.Sender;
import dev.sluice.channel.lincheck.LincheckRuns.CheckedFlavor;
import dev.sluice.channel.lincheck.LincheckRuns.Scenario;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.jetbrains.kotlinx.lincheck.annotations.Operation;
import org.jetbrains.kotlinx.lincheck.annotations.Param;
import org.jetbrains.kotlinx.lincheck.paramgen.IntGen;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Linearizability of the select with a default, {@code Select.trySelect()}, over two channels A and
 * B (S14: exactly one clause takes effect, a losing clause has none; S15: a biased select tries its
 * clauses in order, and a receive clause on a channel closed and drained is ready and reports the
 * close; {@code trySelect} is the default case). The selects are biased, so that the model can name
 * the one clause that fires: a fair select picks among the ready clauses at random, which a
 * sequential model cannot predict.
 *
 * <p>Operations ({@link TwoChannels}): {@code trySelectRecv}, a select receiving from A or B;
 * {@code trySelectMixed e}, a select receiving from A or sending {@code e} to B; {@code trySend} and
 * {@code tryRecv} on A and on B; closing A's only sender, after which A's receive clause fires with
 * A's remaining elements, then as closed. The selects use handles of their own (clones), so plain
 * receives and sends through the other handles race them as other consumers and producers would.
 *
 * <p>The model ({@link TwoChannelModel}) is two {@link ChannelModel}s and the rule: the first clause
 * whose own try would not answer EMPTY (a receive) or FULL (a send) is the select's one effect, and
 * with none, the select answers DEFAULT and changes nothing.
 *
 * <p><b>What the model does not claim.</b> The select tries its clauses one after the other, each
 * try atomic, the scan as a whole not: a select that found A empty, then B empty, answers DEFAULT
 * even if in between another thread sent to A and then took B's element, so that A and B were never
 * empty at the same instant (model checking finds such a trace at once when sends to A race the
 * selects). The docs do not promise that snapshot, and the scan matches the model as long as the
 * first clause cannot become ready during it. So every operation that can make A's receive clause
 * ready ({@code trySendA}, {@code closeSenderA}) shares the selects' thread (one {@code
 * nonParallelGroup}, as {@link ChannelOperations}' handle groups do); receives from A and all of B's
 * traffic race the selects freely, and that is where a second effect, or a losing clause's, would
 * show.
 */
class SelectLincheckTest {

    /**
     * Races where a losing clause's effect would show in the answers after it: an element taken
     * from B by a select that took A's, an element sent to B by a select that took A's, or a
     * closed A's select taking B's element instead of reporting the close.
     */
    private static final List<Scenario> SCENARIOS = List.of(
            // S14: a select and plain receives compete for A's and B's only element; whichever clause
            // fires, the other channel's element stays for the receives after.
            Scenario.init("trySendA 1", "trySendB 2")
                    .thread("trySelectRecv", "trySelectRecv")
                    .thread("tryRecvA", "tryRecvB")
                    .post("tryRecvA", "tryRecvB"),
            // S14: A's element makes the mixed select receive; its send clause on B, which has room,
            // must then send nothing, while a plain send and receive on B race it.
            Scenario.init("trySendA 1")
                    .thread("trySelectMixed 3", "trySelectMixed 4")
                    .thread("tryRecvA", "trySendB 7", "tryRecvB")
                    .post("tryRecvB", "tryRecvB"),
            // S14, S15: closing A while a receive drains it: the select takes A's last element or
            // reports A closed (it is ready), and B's element is left in either case.
            Scenario.init("trySendA 1", "trySendB 2")
                    .thread("closeSenderA", "trySelectRecv", "trySelectMixed 3")
                    .thread("tryRecvA", "tryRecvB")
                    .post("tryRecvB", "trySelectRecv"));

    static Stream<CheckedFlavor> flavors() {
        return Stream.of(
                // a select is several times the steps of a plain try, each an interleaving point
                flavor("A bounded(1), B bounded(1)", Bounded1x1.class, Bounded1x1Model.class)
                        .modelCheckingBudget(8, 25),
                flavor("A bounded(2), B bounded(1)", Bounded2x1.class, Bounded2x1Model.class)
                        .modelCheckingBudget(8, 25),
                // no receiver ever waits here (no operation parks), so the only clause that can fire
                // is A's receive once A is closed: the close reaching the select is what is checked
                flavor("A rendezvous(), B rendezvous()", Rendezvous.class, RendezvousModel.class)
                        .modelCheckingBudget(4, 20));
    }

    private static CheckedFlavor flavor(String name, Class<? extends TwoChannels> operations, Class<?> model) {
        return new CheckedFlavor(
                name,
                operations,
                model,
                SCENARIOS,
                LincheckRuns.MODEL_CHECKING_ITERATIONS,
                LincheckRuns.MODEL_CHECKING_INVOCATIONS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flavors")
    void modelChecking(CheckedFlavor flavor) {
        flavor.modelCheck();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flavors")
    void stress(CheckedFlavor flavor) {
        flavor.stress();
    }

    /**
     * Channels A and B and their handles: A's sender (never cloned, so closing it closes A), a
     * receiver of A, a sender and a receiver of B, and the selects' own clones. Answers are those of
     * {@link Answers}. A flavor is a subclass with a public no-argument constructor that builds the
     * two channels; Lincheck makes one per invocation.
     */
    public abstract static class TwoChannels {
        /** The selects and every operation that can make A's receive clause ready: one thread. */
        static final String SELECTOR = "selector";

        private final Sender<Integer> txA;
        private final Receiver<Integer> rxA;
        private final Sender<Integer> txB;
        private final Receiver<Integer> rxB;
        private final Receiver<Integer> selectRxA;
        private final Receiver<Integer> selectRxB;
        private final Sender<Integer> selectTxB;

        protected TwoChannels(Channel<Integer> a, Channel<Integer> b) {
            txA = a.sender();
            rxA = a.receiver();
            txB = b.sender();
            rxB = b.receiver();
            selectRxA = rxA.clone();
            selectRxB = rxB.clone();
            selectTxB = txB.clone();
        }

        @Operation(nonParallelGroup = SELECTOR)
        public String trySelectRecv() {
            return Answers.trySelect(Select.create().biased().receive(selectRxA).receive(selectRxB));
        }

        @Operation(nonParallelGroup = SELECTOR)
        public String trySelectMixed(@Param(gen = IntGen.class, conf = ChannelOperations.ELEMENTS) int element) {
            return Answers.trySelect(Select.create().biased().receive(selectRxA).send(selectTxB, element));
        }

        @Operation(nonParallelGroup = SELECTOR)
        public String trySendA(@Param(gen = IntGen.class, conf = ChannelOperations.ELEMENTS) int element) {
            return Answers.trySend(txA, element);
        }

        @Operation(nonParallelGroup = SELECTOR)
        public void closeSenderA() {
            txA.close();
        }

        @Operation
        public String tryRecvA() {
            return Answers.tryRecv(rxA);
        }

        @Operation
        public String trySendB(@Param(gen = IntGen.class, conf = ChannelOperations.ELEMENTS) int element) {
            return Answers.trySend(txB, element);
        }

        @Operation
        public String tryRecvB() {
            return Answers.tryRecv(rxB);
        }
    }

    /**
     * The sequential specification: A and B as two {@link ChannelModel}s (A with one sender, so its
     * close is the last), and a biased select as its first ready clause. The operation methods have
     * the names and parameters of those of {@link TwoChannels}.
     */
    public abstract static class TwoChannelModel {
        private final ChannelModel a;
        private final ChannelModel b;

        protected TwoChannelModel(int capacityA, int capacityB) {
            a = new OneChannel(capacityA);
            b = new OneChannel(capacityB);
        }

        /** Receive from A, else from B, else the default. */
        public String trySelectRecv() {
            String fromA = a.tryRecv();
            if (!fromA.equals(Answers.EMPTY)) {
                return Answers.clause(0, fromA);
            }
            String fromB = b.tryRecv();
            if (!fromB.equals(Answers.EMPTY)) {
                return Answers.clause(1, fromB);
            }
            return Answers.DEFAULT;
        }

        /** Receive from A, else send {@code element} to B, else the default. */
        public String trySelectMixed(int element) {
            String fromA = a.tryRecv();
            if (!fromA.equals(Answers.EMPTY)) {
                return Answers.clause(0, fromA);
            }
            String toB = b.trySend(element);
            if (!toB.equals(Answers.FULL)) {
                return Answers.clause(1, toB);
            }
            return Answers.DEFAULT;
        }

        public String trySendA(int element) {
            return a.trySend(element);
        }

        public void closeSenderA() {
            a.closeSender();
        }

        public String tryRecvA() {
            return a.tryRecv();
        }

        public String trySendB(int element) {
            return b.trySend(element);
        }

        public String tryRecvB() {
            return b.tryRecv();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof TwoChannelModel
                    && o.getClass() == getClass()
                    && ((TwoChannelModel) o).a.equals(a)
                    && ((TwoChannelModel) o).b.equals(b);
        }

        @Override
        public int hashCode() {
            return Objects.hash(getClass(), a, b);
        }

        /** One channel with one sender and one receiver handle that matter (none is ever closed but A's sender). */
        private static final class OneChannel extends ChannelModel {
            OneChannel(int capacity) {
                super(capacity, Overflow.BLOCK, 1, 1);
            }
        }
    }

    public static final class Bounded1x1 extends TwoChannels {
        public Bounded1x1() {
            super(Channel.bounded(1), Channel.bounded(1));
        }
    }

    public static final class Bounded1x1Model extends TwoChannelModel {
        public Bounded1x1Model() {
            super(1, 1);
        }
    }

    public static final class Bounded2x1 extends TwoChannels {
        public Bounded2x1() {
            super(Channel.bounded(2), Channel.bounded(1));
        }
    }

    public static final class Bounded2x1Model extends TwoChannelModel {
        public Bounded2x1Model() {
            super(2, 1);
        }
    }

    public static final class Rendezvous extends TwoChannels {
        public Rendezvous() {
            super(Channel.rendezvous(), Channel.rendezvous());
        }
    }

    public static final class RendezvousModel extends TwoChannelModel {
        public RendezvousModel() {
            super(0, 0);
        }
    }
}
