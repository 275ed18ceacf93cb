package dev.sluice.channel.lincheck;

import dev.sluice.channel.Channel;
import dev.sluice.channel.Overflow;
import dev.sluice.channel.lincheck.LincheckRuns.CheckedFlavor;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Linearizability of the single-side flavors: {@code singleProducer().singleConsumer()} (the SPSC
 * ring, at capacity 1, a one-slot ring, and 2), {@code singleProducer()} and {@code
 * singleConsumer()} alone (the MPMC ring behind a handle that refuses to clone). The single side's
 * operations run on one thread only (see {@link ChannelOperations}).
 */
class SingleSideChannelLincheckTest {

    static Stream<CheckedFlavor> flavors() {
        return Stream.of(
                CheckedFlavor.of("capacity(1).singleProducer().singleConsumer()", Spsc1.class, Spsc1Model.class, 1),
                CheckedFlavor.of("capacity(2).singleProducer().singleConsumer()", Spsc2.class, Spsc2Model.class, 2),
                CheckedFlavor.of("capacity(2).singleProducer()", SingleProducer2.class, SingleProducer2Model.class, 2),
                CheckedFlavor.of("capacity(2).singleConsumer()", SingleConsumer2.class, SingleConsumer2Model.class, 2));
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

    public static final class Spsc1 extends ChannelOperations.Spsc {
        public Spsc1() {
            super(Channel.<Integer>builder()
                    .capacity(1)
                    .singleProducer()
                    .singleConsumer()
                    .build());
        }
    }

    public static final class Spsc1Model extends ChannelModel {
        public Spsc1Model() {
            super(1, Overflow.BLOCK, 1, 1);
        }
    }

    public static final class Spsc2 extends ChannelOperations.Spsc {
        public Spsc2() {
            super(Channel.<Integer>builder()
                    .capacity(2)
                    .singleProducer()
                    .singleConsumer()
                    .build());
        }
    }

    public static final class Spsc2Model extends ChannelModel {
        public Spsc2Model() {
            super(2, Overflow.BLOCK, 1, 1);
        }
    }

    public static final class SingleProducer2 extends ChannelOperations.SingleProducer {
        public SingleProducer2() {
            super(Channel.<Integer>builder().capacity(2).singleProducer().build());
        }
    }

    public static final class SingleProducer2Model extends ChannelModel {
        public SingleProducer2Model() {
            super(2, Overflow.BLOCK, 1, 2);
        }
    }

    public static final class SingleConsumer2 extends ChannelOperations.SingleConsumer {
        public SingleConsumer2() {
            super(Channel.<Integer>builder().capacity(2).singleConsumer().build());
        }
    }

    public static final class SingleConsumer2Model extends ChannelModel {
        public SingleConsumer2Model() {
            super(2, Overflow.BLOCK, 2, 1);
        }
    }
}
