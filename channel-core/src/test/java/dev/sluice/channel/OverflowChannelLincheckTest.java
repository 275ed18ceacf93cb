package dev.sluice.channel;

import dev.sluice.channel.LincheckRuns.CheckedFlavor;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Linearizability of the {@code DROP_NEWEST} overflow policy, whose {@code send} never waits (so it
 * is an operation too): it drops the new element of a {@code send} (which reports success) while
 * {@code trySend} still answers FULL. The bounded MPMC ring at capacity 2, and the SPSC ring at
 * capacity 1.
 */
class OverflowChannelLincheckTest {

    static Stream<CheckedFlavor> flavors() {
        return Stream.of(
                CheckedFlavor.of("capacity(2).overflow(DROP_NEWEST)", DropNewest2.class, DropNewest2Model.class, 2),
                CheckedFlavor.of(
                        "capacity(1).singleProducer().singleConsumer().overflow(DROP_NEWEST)",
                        DropNewestSpsc1.class,
                        DropNewestSpsc1Model.class,
                        1));
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

    public static final class DropNewest2 extends ChannelOperations.MpmcNeverWaiting {
        public DropNewest2() {
            super(Channel.<Integer>builder()
                    .capacity(2)
                    .overflow(Overflow.DROP_NEWEST)
                    .build());
        }
    }

    public static final class DropNewest2Model extends ChannelModel {
        public DropNewest2Model() {
            super(2, Overflow.DROP_NEWEST, 2, 2);
        }
    }

    public static final class DropNewestSpsc1 extends ChannelOperations.SpscNeverWaiting {
        public DropNewestSpsc1() {
            super(Channel.<Integer>builder()
                    .capacity(1)
                    .singleProducer()
                    .singleConsumer()
                    .overflow(Overflow.DROP_NEWEST)
                    .build());
        }
    }

    public static final class DropNewestSpsc1Model extends ChannelModel {
        public DropNewestSpsc1Model() {
            super(1, Overflow.DROP_NEWEST, 1, 1);
        }
    }
}
