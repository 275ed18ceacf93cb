package dev.sluice.channel.lincheck;

import dev.sluice.channel.Channel;
import dev.sluice.channel.Overflow;
import dev.sluice.channel.lincheck.LincheckRuns.CheckedFlavor;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Linearizability of {@code Channel.rendezvous()} as far as non-waiting operations reach it. A
 * rendezvous send succeeds only when a receiver is waiting, and Lincheck 2.39 cannot check
 * operations that park a thread (see {@link ChannelOperations}), so no receiver ever waits here:
 * {@code trySend} answers FULL (or CLOSED), a zero-timeout send TIMEOUT, receives EMPTY. What is
 * checked is the close state machine under races: closing one of two senders or receivers, the
 * last of either, {@code fail} against everything, and the answers of every operation and of
 * {@code isClosed()} around them. The hand-off itself is tested with real threads elsewhere
 * ({@code StressTest}, {@code CloseRaceTest}, {@code TimeoutTest}).
 */
class RendezvousChannelLincheckTest {

    static Stream<CheckedFlavor> flavors() {
        return Stream.of(CheckedFlavor.of("rendezvous()", Rendezvous.class, RendezvousModel.class, 0)
                // every operation takes the lock, whose every step is an interleaving point
                .modelCheckingBudget(4, 20));
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

    public static final class Rendezvous extends ChannelOperations.Mpmc {
        public Rendezvous() {
            super(Channel.rendezvous());
        }
    }

    public static final class RendezvousModel extends ChannelModel {
        public RendezvousModel() {
            super(0, Overflow.BLOCK, 2, 2);
        }
    }
}
