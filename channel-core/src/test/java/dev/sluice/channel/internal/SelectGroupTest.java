package dev.sluice.channel.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.channel.testing.TestThreads;
import dev.sluice.channel.testing.TestThreads.Worker;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The group claim of a select (S14) at the one instant that once lost a hand-off: a notifier has won
 * the group's CAS but not yet completed the clause. The selecting side must wait for the completion,
 * not take the clause as it finds it (found by the select benchmark on virtual threads: one element
 * in about 36 million was handed to a clause the select had already read as a plain wake-up).
 */
@Timeout(60)
class SelectGroupTest {

    @Test
    void theSelectingSideWaitsForTheClaimersCompletionNotJustItsClaim() throws Exception {
        for (int round = 0; round < 200; round++) {
            SelectGroup g = new SelectGroup();
            SelectGroup.Clause c = g.clause(0);
            new WaitQueue().add(c); // armed, as a queued clause is
            assertThat(g.claim(c)).isTrue(); // the group's CAS, before the claimer writes the clause
            assertThat(g.withdraw())
                    .as("claimed: the selecting side cannot withdraw")
                    .isFalse();
            CountDownLatch asking = new CountDownLatch(1);
            Worker<Object[]> selecting = TestThreads.call("select", () -> {
                asking.countDown();
                SelectGroup.Clause won = g.claimed();
                return new Object[] {won, won.outcome, won.packet}; // what the select acts on, read at once
            });
            TestThreads.await(asking);
            TestThreads.spin(1_000 + round * 50); // the claimer is slow to complete
            c.complete(Waiter.MATCHED, "element " + round);
            Object[] seen = selecting.join();
            assertThat(seen[0]).isSameAs(c);
            assertThat(seen[1])
                    .as("round %d: the hand-off, not a wake-up", round)
                    .isEqualTo(Waiter.MATCHED);
            assertThat(seen[2]).isEqualTo("element " + round);
        }
    }

    @Test
    void onlyOneClauseOfAGroupIsEverClaimed() {
        SelectGroup g = new SelectGroup();
        SelectGroup.Clause a = g.clause(0);
        SelectGroup.Clause b = g.clause(1);
        WaitQueue qa = new WaitQueue();
        WaitQueue qb = new WaitQueue();
        qa.add(a);
        qb.add(b);
        assertThat(qb.claimFirst()).isSameAs(b);
        assertThat(qa.claimFirst())
                .as("the other clause's claim fails, and it is unlinked")
                .isNull();
        assertThat(qa.isEmpty()).isTrue();
    }
}
