package dev.sluice.channel.lincheck;

import dev.sluice.channel.Channel;
import dev.sluice.channel.Overflow;
import dev.sluice.channel.lincheck.LincheckRuns.CheckedFlavor;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Linearizability of {@code Channel.bounded(n)}, the MPMC array ring, at capacities 1 (one slot
 * used of two physical ones), 2 (a full power of two) and 3 (one slot of headroom), with two
 * sender and two receiver handles (see {@link ChannelOperations}), against {@link ChannelModel}.
 */
class BoundedChannelLincheckTest {

    static Stream<CheckedFlavor> flavors() {
        return Stream.of(
                CheckedFlavor.of("bounded(1)", Capacity1.class, Capacity1Model.class, 1),
                CheckedFlavor.of("bounded(2)", Capacity2.class, Capacity2Model.class, 2),
                CheckedFlavor.of("bounded(3)", Capacity3.class, Capacity3Model.class, 3));
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

    public static final class Capacity1 extends ChannelOperations.Mpmc {
        public Capacity1() {
            super(Channel.bounded(1));
        }
    }

    public static final class Capacity1Model extends ChannelModel {
        public Capacity1Model() {
            super(1, Overflow.BLOCK, 2, 2);
        }
    }

    public static final class Capacity2 extends ChannelOperations.Mpmc {
        public Capacity2() {
            super(Channel.bounded(2));
        }
    }

    public static final class Capacity2Model extends ChannelModel {
        public Capacity2Model() {
            super(2, Overflow.BLOCK, 2, 2);
        }
    }

    public static final class Capacity3 extends ChannelOperations.Mpmc {
        public Capacity3() {
            super(Channel.bounded(3));
        }
    }

    public static final class Capacity3Model extends ChannelModel {
        public Capacity3Model() {
            super(3, Overflow.BLOCK, 2, 2);
        }
    }
}
