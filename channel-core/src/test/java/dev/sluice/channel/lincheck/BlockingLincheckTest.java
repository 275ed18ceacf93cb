package dev.sluice.channel.lincheck;

import dev.sluice.channel.Channel;
import dev.sluice.channel.lincheck.LincheckRuns.CheckedFlavor;
import dev.sluice.channel.lincheck.LincheckRuns.Scenario;
import java.util.List;
import java.util.stream.Stream;
import org.jetbrains.kotlinx.lincheck.annotations.Operation;
import org.jetbrains.kotlinx.lincheck.annotations.Param;
import org.jetbrains.kotlinx.lincheck.paramgen.IntGen;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Blocking {@code send} and {@code recv} under model checking. Lincheck 2.39 has no notion of a
 * Java call that waits for another (only Kotlin suspend functions get one): a call parked with
 * nothing left to wake it is reported as a hung execution, so these operations never appear in
 * random scenarios. Here they run only in hand-written scenarios where whatever a call waits for
 * is sure to come, in every interleaving: an element, a free slot, or the close that wakes it.
 * Lincheck explores the interleavings, parks and wake-ups included, and the model accepts a
 * blocking call only at an instant when it could complete (see {@link ChannelModel#recv}).
 * Rendezvous is left out: a send there completes together with the receive that takes it, which a
 * sequential model cannot express without Lincheck's suspend-function support.
 */
class BlockingLincheckTest {

    /**
     * Interleavings explored per scenario. Blocking paths spin and park, so each interleaving costs
     * tens of milliseconds: the default build explores a few (a smoke check that they linearize),
     * and {@code -Pstress} (x20) explores enough to find a lost wake-up planted in {@code
     * BufferedChannel.recv} (removing its re-check after queueing), which 100 to 200 per scenario did.
     */
    static final int INVOCATIONS = 10;

    static Stream<CheckedFlavor> flavors() {
        return Stream.of(
                blocking("bounded(1)", Bounded1.class, BoundedChannelLincheckTest.Capacity1Model.class, 1),
                blocking("bounded(2)", Bounded2.class, BoundedChannelLincheckTest.Capacity2Model.class, 2),
                blocking(
                        "capacity(1).singleProducer().singleConsumer()",
                        Spsc1.class,
                        SingleSideChannelLincheckTest.Spsc1Model.class,
                        1));
    }

    private static CheckedFlavor blocking(
            String name,
            Class<? extends ChannelOperations> operations,
            Class<? extends ChannelModel> model,
            int capacity) {
        boolean twoHandles = ChannelOperations.TwoSenders.class.isAssignableFrom(operations);
        String[] full = LincheckScenarios.sends(capacity);
        List<Scenario> scenarios = List.of(
                // FIFO hand-over with both sides waiting in turn
                Scenario.init()
                        .thread("send 1", "send 2", "send 3")
                        .thread("recv", "recv", "recv")
                        .post("tryRecv"),
                // the last sender's close wakes a waiting receiver once the channel is drained
                Scenario.init(twoHandles ? new String[] {"closeSender2"} : new String[0])
                        .thread("send 1", "closeSender")
                        .thread("recv", "recv")
                        .post("tryRecv"),
                // fail wakes a waiting receiver with the cause
                Scenario.init().thread("fail").thread("recv", "recv").post("tryRecv"),
                // the last receiver's close wakes a sender waiting on a full channel: refused
                Scenario.init(concat(full, twoHandles ? "closeReceiver2" : null))
                        .thread("send 7", "isClosed")
                        .thread("closeReceiver")
                        .post("isClosed"));
        return new CheckedFlavor(name, operations, model, scenarios, 0, INVOCATIONS * LincheckRuns.SCALE);
    }

    private static String[] concat(String[] first, String then) {
        if (then == null) {
            return first;
        }
        String[] all = java.util.Arrays.copyOf(first, first.length + 1);
        all[first.length] = then;
        return all;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flavors")
    void modelChecking(CheckedFlavor flavor) {
        flavor.modelCheck();
    }

    public static final class Bounded1 extends ChannelOperations.Mpmc {
        public Bounded1() {
            super(Channel.bounded(1));
        }

        @Operation(nonParallelGroup = ChannelOperations.TX)
        public String send(@Param(gen = IntGen.class, conf = ChannelOperations.ELEMENTS) int element) {
            return Answers.send(tx, element);
        }

        @Operation(nonParallelGroup = ChannelOperations.RX)
        public String recv() {
            return Answers.recv(rx);
        }
    }

    public static final class Bounded2 extends ChannelOperations.Mpmc {
        public Bounded2() {
            super(Channel.bounded(2));
        }

        @Operation(nonParallelGroup = ChannelOperations.TX)
        public String send(@Param(gen = IntGen.class, conf = ChannelOperations.ELEMENTS) int element) {
            return Answers.send(tx, element);
        }

        @Operation(nonParallelGroup = ChannelOperations.RX)
        public String recv() {
            return Answers.recv(rx);
        }
    }

    public static final class Spsc1 extends ChannelOperations.Spsc {
        public Spsc1() {
            super(Channel.<Integer>builder()
                    .capacity(1)
                    .singleProducer()
                    .singleConsumer()
                    .build());
        }

        @Operation(nonParallelGroup = ChannelOperations.TX)
        public String send(@Param(gen = IntGen.class, conf = ChannelOperations.ELEMENTS) int element) {
            return Answers.send(tx, element);
        }

        @Operation(nonParallelGroup = ChannelOperations.RX)
        public String recv() {
            return Answers.recv(rx);
        }
    }
}
