/**
 * Sluice channels: bounded, rendezvous and unbounded channels whose two ends are Reactive Streams
 * types. Only {@code dev.sluice.channel} is exported; the flavors, waiters and counters live in
 * the unexported {@code dev.sluice.channel.internal}.
 */
module dev.sluice.channel {
    requires transitive org.reactivestreams;
    requires static org.jspecify;

    exports dev.sluice.channel;
}
