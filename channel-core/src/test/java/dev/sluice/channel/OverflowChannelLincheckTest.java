package dev.sluice.channel;

import dev.sluice.channel.LincheckRuns.CheckedFlavor;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Linearizability of the dropping overflow policies, whose {@code send} never waits (so it is an
 * operation too): {@code DROP_OLDEST} evicts the oldest element to make room for any send,
 * atomically in the model; {@code DROP_NEWEST} drops the new element of a {@code send} (which
 * reports success) while {@code trySend} still answers FULL. Bounded MPMC rings at capacities 1 and
 * 2, and the SPSC ring with {@code DROP_NEWEST} (with {@code DROP_OLDEST} the builder keeps the MPMC
 * ring, since eviction makes the sender a second consumer).
 */
class OverflowChannelLincheckTest {

    /**
     * DROP_OLDEST is not linearizable yet (an open bug): its send evicts in steps (offer FULL, poll
     * the oldest, offer again), so a send refused by a concurrent close may already have evicted
     * (and reported dropped) the oldest element, and a receiver may find a full channel empty
     * mid-eviction. These checks fail until eviction is atomic; run them with
     * {@code -Dsluice.lincheck.knownBugs=true}.
     */
    static final String DROP_OLDEST_BUG =
            "known bug: DROP_OLDEST eviction is not atomic (run with -Dsluice.lincheck.knownBugs=true)";

    static Stream<CheckedFlavor> knownBugFlavors() {
        return Stream.of(
                CheckedFlavor.of("capacity(1).overflow(DROP_OLDEST)", DropOldest1.class, DropOldest1Model.class, 1)
                        .with(LincheckScenarios.evictionRaces(1)),
                CheckedFlavor.of("capacity(2).overflow(DROP_OLDEST)", DropOldest2.class, DropOldest2Model.class, 2)
                        .with(LincheckScenarios.evictionRaces(2)));
    }

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

    @ParameterizedTest(name = "{0}")
    @MethodSource("knownBugFlavors")
    void modelCheckingDropOldest(CheckedFlavor flavor) {
        org.junit.jupiter.api.Assumptions.assumeTrue(Boolean.getBoolean("sluice.lincheck.knownBugs"), DROP_OLDEST_BUG);
        flavor.modelCheck();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("knownBugFlavors")
    void stressDropOldest(CheckedFlavor flavor) {
        org.junit.jupiter.api.Assumptions.assumeTrue(Boolean.getBoolean("sluice.lincheck.knownBugs"), DROP_OLDEST_BUG);
        flavor.stress();
    }

    public static final class DropOldest1 extends ChannelOperations.MpmcNeverWaiting {
        public DropOldest1() {
            super(Channel.<Integer>builder()
                    .capacity(1)
                    .overflow(Overflow.DROP_OLDEST)
                    .build());
        }
    }

    public static final class DropOldest1Model extends ChannelModel {
        public DropOldest1Model() {
            super(1, Overflow.DROP_OLDEST, 2, 2);
        }
    }

    public static final class DropOldest2 extends ChannelOperations.MpmcNeverWaiting {
        public DropOldest2() {
            super(Channel.<Integer>builder()
                    .capacity(2)
                    .overflow(Overflow.DROP_OLDEST)
                    .build());
        }
    }

    public static final class DropOldest2Model extends ChannelModel {
        public DropOldest2Model() {
            super(2, Overflow.DROP_OLDEST, 2, 2);
        }
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
