package dev.sluice.examples;

import dev.sluice.reactor.ChannelFlux;
import java.time.Duration;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/** The README's Reactor example: blocking code bridged into a {@code Flux} in one call. */
public final class ReactorQuickStart {
    private ReactorQuickStart() {}

    public static void main(String[] args) {
        // tag::reactor[]
        // Blocking code, run on a virtual thread where the JDK has them. Returning completes the
        // stream, throwing fails it, and a cancelled stream makes the next send throw.
        Flux<String> lines = ChannelFlux.produce(64, tx -> {
            for (int i = 1; i <= 3; i++) {
                tx.send("line " + i); // waits while the subscriber is behind
            }
        });

        // publishOn fuses with the view: the channel is its queue.
        List<String> upper = lines.publishOn(Schedulers.parallel())
                .map(String::toUpperCase)
                .collectList()
                .block(Duration.ofSeconds(10));
        System.out.println(upper);
        // end::reactor[]
    }
}
