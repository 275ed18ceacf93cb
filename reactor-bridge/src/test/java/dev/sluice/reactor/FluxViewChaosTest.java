package dev.sluice.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.channel.testing.ViewChaos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * channel-core's {@link ViewChaos} through the Flux view: each consumer reads through the fused view
 * ({@code publishOn}, {@code limitRate}, {@code concatMap}) or the unfused one ({@code hide}), the
 * one that leaves early through {@code take}. Every element whose send succeeded is received exactly
 * once, in each producer's order per consumer. Replay a run with {@code -Dsluice.chaos.seed}.
 */
@Timeout(300)
class FluxViewChaosTest {
    private static final int ROUNDS = Integer.getInteger("sluice.chaos.rounds", 60);

    @Test
    void randomRoundsThroughTheFluxViewLoseNothingAndDuplicateNothing() throws Exception {
        Scheduler consumers = Schedulers.newParallel("chaos-consumer", 3);
        try {
            long received = ViewChaos.run("flux-chaos", ROUNDS, (rx, rng, take) -> {
                Flux<Long> view = ChannelFlux.from(rx);
                switch (rng.nextInt(4)) {
                    case 0:
                        view = view.publishOn(consumers, 1 + rng.nextInt(64));
                        break;
                    case 1:
                        view = view.limitRate(1 + rng.nextInt(32));
                        break;
                    case 2:
                        view = view.concatMap(Flux::just, 1 + rng.nextInt(8));
                        break;
                    default:
                        view = view.hide(); // unfused
                }
                return take > 0 ? view.take(take) : view;
            });
            assertThat(received).isPositive();
        } finally {
            consumers.dispose();
        }
    }
}
