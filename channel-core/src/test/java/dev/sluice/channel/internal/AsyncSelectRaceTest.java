package dev.sluice.channel.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.channel.Channel;
import dev.sluice.channel.Receiver;
import dev.sluice.channel.SendStatus;
import dev.sluice.channel.Sender;
import dev.sluice.channel.testing.TestThreads;
import dev.sluice.channel.testing.TestThreads.Worker;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An async select whose clause is claimed while its round is still queueing the other clauses (S14):
 * the claimer's thread must not unlink the round's clauses while the round still queues them, or a
 * clause queued after that unlinking stays behind in its channel. A rendezvous partner's claim is
 * the hand-off itself; a buffered channel's is a wake-up, after which the round tries again.
 */
@Timeout(120)
class AsyncSelectRaceTest {
    private static final int ROUNDS = 50_000;

    @ParameterizedTest(name = "capacity {0}")
    @ValueSource(ints = {0, 1})
    void aClaimWhileTheRoundStillQueuesLeavesNoClauseBehind(int capacity) throws Exception {
        Channel<Integer> a = Channel.bounded(capacity);
        Channel<Integer> b = Channel.bounded(capacity);
        // biased: every round queues a's clause first, then b's; the sender claims a's at once
        Selection sel = new Selection(List.of(Selection.receive(a.receiver()), Selection.receive(b.receiver())), true);
        Sender<Integer> tx = a.sender();
        Worker<Void> sender = TestThreads.run("sender", () -> {
            for (int i = 0; i < ROUNDS; i++) {
                while (tx.trySend(i) != SendStatus.SENT) {
                    Thread.onSpinWait(); // a try, never a wait: it claims a clause the moment it is queued
                }
            }
        });
        for (int i = 0; i < ROUNDS; i++) {
            Selection.Fired f = TestThreads.await(sel.selectAsync(fired -> fired));
            assertThat(f.index).isZero();
            assertThat(f.value).isEqualTo(i);
            // selectAsync has returned: its round is over, whichever thread went on with it
            assertThat(queuedParties(b.receiver()))
                    .as("round %d: b's clause left queued", i)
                    .isZero();
            assertThat(queuedParties(a.receiver())).isZero();
        }
        sender.join();
    }

    private static int queuedParties(Receiver<?> rx) {
        Flavor<?> flavor = ((ReceiverHandle<?>) rx).core.flavor;
        return flavor instanceof RendezvousChannel
                ? ((RendezvousChannel<?>) flavor).queuedParties()
                : ((BufferedChannel<?>) flavor).queuedParties();
    }
}
