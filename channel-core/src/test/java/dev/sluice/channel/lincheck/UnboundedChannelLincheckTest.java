package dev.sluice.channel.lincheck;

import dev.sluice.channel.Channel;
import dev.sluice.channel.Overflow;
import dev.sluice.channel.SendStatus;
import dev.sluice.channel.lincheck.LincheckRuns.CheckedFlavor;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Linearizability of {@code Channel.unbounded()}: linked ring segments of 512 slots. A fresh
 * channel never leaves its first segment in a scenario of a few operations, so a second flavor
 * first sends and receives all but two slots' worth of elements: its scenarios fill the first
 * segment, seal it, link the next one and move receivers over, racing closes and fails. Its
 * {@code send} never waits, so it is an operation too.
 */
class UnboundedChannelLincheckTest {

    /** Room the near-the-end flavor leaves in its first segment. */
    static final int LEFT_IN_SEGMENT = 2;

    static Stream<CheckedFlavor> flavors() {
        return Stream.of(
                CheckedFlavor.of("unbounded()", Fresh.class, UnboundedModel.class, 2),
                CheckedFlavor.of(
                        "unbounded(), " + LEFT_IN_SEGMENT + " slots left in its first segment",
                        NearSegmentEnd.class,
                        UnboundedModel.class,
                        2));
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

    public static final class Fresh extends ChannelOperations.MpmcNeverWaiting {
        public Fresh() {
            super(Channel.unbounded());
        }
    }

    public static final class NearSegmentEnd extends ChannelOperations.MpmcNeverWaiting {
        public NearSegmentEnd() {
            super(nearSegmentEnd());
        }

        private static Channel<Integer> nearSegmentEnd() {
            Channel<Integer> channel = Channel.unbounded();
            int passed = segmentSize() - LEFT_IN_SEGMENT;
            for (int i = 0; i < passed; i++) {
                if (channel.sender().trySend(0) != SendStatus.SENT) {
                    throw new AssertionError("an unbounded channel refused an element");
                }
            }
            for (int i = 0; i < passed; i++) {
                if (channel.receiver().tryRecv() == null) {
                    throw new AssertionError("an unbounded channel lost an element");
                }
            }
            return channel;
        }

        /** {@code LinkedBuffer.BLOCK}: the tests run inside the module, so it can be read. */
        private static int segmentSize() {
            try {
                var field = Class.forName("dev.sluice.channel.internal.LinkedBuffer")
                        .getDeclaredField("BLOCK");
                field.setAccessible(true);
                return field.getInt(null);
            } catch (ReflectiveOperationException e) {
                throw new AssertionError("LinkedBuffer.BLOCK moved: update this test", e);
            }
        }
    }

    public static final class UnboundedModel extends ChannelModel {
        public UnboundedModel() {
            super(Channel.UNBOUNDED, Overflow.BLOCK, 2, 2);
        }
    }
}
