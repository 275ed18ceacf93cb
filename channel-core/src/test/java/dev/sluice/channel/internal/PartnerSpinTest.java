package dev.sluice.channel.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * How a virtual thread learns its spin for a rendezvous partner ({@link PartnerSpin}): a partner that
 * came within the spin lengthens it by a step, one that did not halves it, a thread that stopped
 * spinning probes one step in every sixteenth wait, and a platform thread keeps the fixed schedule.
 */
@Timeout(60)
class PartnerSpinTest {

    @Test
    void aPlatformThreadKeepsTheFixedSchedule() {
        assertThat(PartnerSpin.begin()).isNull();
    }

    /**
     * A platform thread's wait for a partner spins as long as {@code Backoff.pause} does in all, but
     * one spin-wait per step, so it checks for its partner after every one; then yields, then parks.
     */
    @Test
    void aPlatformThreadWaitingForAPartnerChecksAfterEverySpinWait() {
        int spins = 0;
        for (int step = 0; step < Backoff.SPIN_STEPS; step++) {
            spins += 1 << Math.min(step, 3); // pause's spin-waits at this step
        }
        assertThat(Backoff.PARTNER_SPINS).isEqualTo(spins);
        assertThat(stepsUntilPark(Backoff::partnerPause)).isEqualTo(spins + Backoff.YIELD_STEPS);
        assertThat(stepsUntilPark(Backoff::pause)).isEqualTo(Backoff.SPIN_STEPS + Backoff.YIELD_STEPS);
    }

    /** On a virtual thread (with the learned spin off, its only caller there) it yields, then parks. */
    @Test
    void aVirtualThreadWaitingForAPartnerWithoutTheLearnedSpinOnlyYields() throws Exception {
        int steps = onAVirtualThread(() -> stepsUntilPark(Backoff::partnerPause));
        assertThat(steps).isEqualTo(Backoff.YIELD_STEPS);
    }

    private static int stepsUntilPark(java.util.function.IntPredicate pause) {
        int step = 0;
        while (pause.test(step)) {
            step++;
        }
        return step;
    }

    @Test
    void aPartnerWithinTheSpinLengthensItAndOneOutsideHalvesIt() throws Exception {
        List<Integer> next = onAVirtualThread(() -> {
            List<Integer> seen = new ArrayList<>();
            PartnerSpin p = PartnerSpin.begin();
            assertThat(p).isNotNull();
            int spins = spinsBeforeYield(p);
            seen.add(spins); // the first wait's spin
            p.arrived(spins); // came at the spin's last spin-wait: within it
            seen.add(p.nextSpins());
            for (int i = 0; i < 100; i++) { // partners keep coming at once
                PartnerSpin.begin().arrived(0);
            }
            seen.add(p.nextSpins());
            spins = spinsBeforeYield(PartnerSpin.begin());
            p.arrived(spins + 1); // came during the first yield: the spin was for nothing
            seen.add(p.nextSpins());
            return seen;
        });
        int first = next.get(0);
        assertThat(first).isPositive();
        assertThat(next.get(1)).isEqualTo(first + PartnerSpin.SPINS_PER_STEP);
        assertThat(next.get(2)).isEqualTo(PartnerSpin.MAX_SPINS);
        assertThat(next.get(3)).isEqualTo(PartnerSpin.MAX_SPINS / 2);
    }

    @Test
    void aThreadThatStoppedSpinningProbesOneStepInSixteenWaits() throws Exception {
        List<Integer> budgets = onAVirtualThread(() -> {
            PartnerSpin p = PartnerSpin.begin();
            while (p.nextSpins() > 0) { // partners that never come within the spin
                p.arrived(1_000);
                p = PartnerSpin.begin();
            }
            p.arrived(1_000);
            List<Integer> seen = new ArrayList<>(); // each wait's spin, until the third probe
            for (int probes = 0; probes < 3 && seen.size() < 100; ) {
                int b = spinsBeforeYield(PartnerSpin.begin());
                seen.add(b);
                if (b > 0) {
                    probes++;
                }
                // the first two probes fail too; the third finds its partner within its step
                p.arrived(probes == 3 ? b : 1_000);
            }
            seen.add(p.nextSpins());
            return seen;
        });
        int waits = budgets.size() - 1;
        assertThat(budgets.get(waits))
                .as("a probe that succeeded: spinning again, one step longer")
                .isEqualTo(2 * PartnerSpin.SPINS_PER_STEP);
        List<Integer> probes = new ArrayList<>();
        for (int i = 0; i < waits; i++) {
            if (budgets.get(i) > 0) {
                probes.add(i);
                assertThat(budgets.get(i)).as("a probe spins one step").isEqualTo(PartnerSpin.SPINS_PER_STEP);
            }
        }
        assertThat(probes).as("three probes, one per sixteen waits").hasSize(3);
        assertThat(probes.get(1) - probes.get(0)).isEqualTo(16);
        assertThat(probes.get(2) - probes.get(1)).isEqualTo(16);
    }

    @Test
    void waitsThatKeepEndingInAYieldMakeTheNextOneParkAtOnce() throws Exception {
        int n = PartnerSpin.PARK_AFTER;
        List<Boolean> parkedAtOnce = onAVirtualThread(() -> {
            PartnerSpin p = PartnerSpin.begin();
            while (p.nextSpins() > 0) { // spins that never succeed: the partner shares this carrier
                p.arrived(1_000);
                p = PartnerSpin.begin();
            }
            p.arrived(1_000); // came after a park: nothing counted yet
            List<Boolean> log = new ArrayList<>();
            // 2n + 2 waits whose partner comes during the first yield (or, for one that parks at
            // once, right after its park); then n / 2 more, one that ends after a park, and n more
            for (int i = 0; i < 3 * n + n / 2 + 4; i++) {
                p = PartnerSpin.begin();
                int spun = p.currentBudget();
                boolean yields = p.pause(spun); // the step after the spin
                log.add(!yields);
                boolean afterAPark = i == 2 * n + 2 + n / 2;
                p.arrived(afterAPark ? spun + Backoff.YIELD_STEPS + 1 : spun + 1);
            }
            return log;
        });
        List<Integer> parks = new ArrayList<>();
        for (int i = 0; i < parkedAtOnce.size(); i++) {
            if (parkedAtOnce.get(i)) {
                parks.add(i);
            }
        }
        // the wait after n in a row parks at once; it counts as a park, so the count starts over;
        // a wait that ended after a park starts it over too
        int reset = 2 * n + 2 + n / 2;
        assertThat(parks).containsExactly(n, 2 * n + 1, reset + n + 1);
    }

    /** How many spin-waits {@code p}'s wait spins before it yields: {@code pause} stays cheap to call. */
    private static int spinsBeforeYield(PartnerSpin p) {
        int step = 0;
        long before = System.nanoTime();
        while (p.pause(step)) {
            step++;
        }
        assertThat(System.nanoTime() - before).isLessThan(TimeUnit.SECONDS.toNanos(5));
        return step - Backoff.YIELD_STEPS; // then it yields YIELD_STEPS times, then parks
    }

    private static <T> T onAVirtualThread(Callable<T> body) throws Exception {
        assumeTrue(Runtime.version().feature() >= 21, "virtual threads need JDK 21+; running on " + Runtime.version());
        ExecutorService virtualThreads = (ExecutorService)
                Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        try {
            return virtualThreads.submit(body).get(30, TimeUnit.SECONDS);
        } finally {
            virtualThreads.shutdownNow();
        }
    }
}
