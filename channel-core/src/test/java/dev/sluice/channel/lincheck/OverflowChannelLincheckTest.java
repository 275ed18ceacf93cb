package dev.sluice.channel.lincheck;

import dev.sluice.channel.Channel;
import dev.sluice.channel.Overflow;
import dev.sluice.channel.lincheck.LincheckRuns.CheckedFlavor;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Linearizability of the dropping overflow policies, whose {@code send} never waits (so it is an
 * operation too): {@code DROP_OLDEST} evicts the oldest element to make room for any send,
 * atomically in the model; {@code DROP_NEWEST} drops the new element of a {@code send} (which
 * reports success) while {@code trySend} still answers FULL. Capacities 1 and 2 with many producers
 * and consumers, and the single-producer single-consumer builder with each policy.
 *
 * <p>DROP_OLDEST was not linearizable in the first design (an eviction was a receive and then a
 * send, so a send refused by a concurrent close could already have evicted, and a receiver could
 * find a full channel empty mid-eviction); its hand-written eviction races run here since the
 * eviction became one atomic step of its buffer.
 */
class OverflowChannelLincheckTest {

    static Stream<CheckedFlavor> flavors() {
        return Stream.of(
                CheckedFlavor.of("capacity(1).overflow(DROP_OLDEST)", DropOldest1.class, DropOldest1Model.class, 1)
                        .with(LincheckScenarios.evictionRaces(1)),
                CheckedFlavor.of("capacity(2).overflow(DROP_OLDEST)", DropOldest2.class, DropOldest2Model.class, 2)
                        .with(LincheckScenarios.evictionRaces(2)),
                CheckedFlavor.of(
                        "capacity(1).singleProducer().singleConsumer().overflow(DROP_OLDEST)",
                        DropOldestSpsc1.class,
                        DropOldestSpsc1Model.class,
                        1),
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

    public static final class DropOldestSpsc1 extends ChannelOperations.SpscNeverWaiting {
        public DropOldestSpsc1() {
            super(Channel.<Integer>builder()
                    .capacity(1)
                    .singleProducer()
                    .singleConsumer()
                    .overflow(Overflow.DROP_OLDEST)
                    .build());
        }
    }

    public static final class DropOldestSpsc1Model extends ChannelModel {
        public DropOldestSpsc1Model() {
            super(1, Overflow.DROP_OLDEST, 1, 1);
        }
    }
}
