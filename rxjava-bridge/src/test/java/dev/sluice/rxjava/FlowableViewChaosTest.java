package dev.sluice.rxjava;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.channel.testing.ViewChaos;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * channel-core's {@link ViewChaos} through the Flowable view: each consumer reads through the fused
 * view ({@code observeOn}, {@code rebatchRequests}, {@code concatMap}) or the unfused one ({@code
 * hide}), the one that leaves early through {@code take}. Every element whose send succeeded is
 * received exactly once, in each producer's order per consumer. Replay a run with {@code
 * -Dsluice.chaos.seed}.
 */
@Timeout(300)
class FlowableViewChaosTest {
    private static final int ROUNDS = Integer.getInteger("sluice.chaos.rounds", 60);

    @Test
    void randomRoundsThroughTheFlowableViewLoseNothingAndDuplicateNothing() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        Scheduler consumers = Schedulers.from(pool);
        try {
            long received = ViewChaos.run("flowable-chaos", ROUNDS, (rx, rng, take) -> {
                Flowable<Long> view = ChannelFlowable.from(rx);
                switch (rng.nextInt(4)) {
                    case 0:
                        view = view.observeOn(consumers, false, 1 + rng.nextInt(64));
                        break;
                    case 1:
                        view = view.rebatchRequests(1 + rng.nextInt(32));
                        break;
                    case 2:
                        view = view.concatMap(Flowable::just, 1 + rng.nextInt(8));
                        break;
                    default:
                        view = view.hide(); // unfused
                }
                return take > 0 ? view.take(take) : view;
            });
            assertThat(received).isPositive();
        } finally {
            pool.shutdownNow();
        }
    }
}
