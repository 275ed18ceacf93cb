/**
 * Sluice channels: bounded, rendezvous and unbounded channels whose two ends are Reactive Streams
 * types. {@code dev.sluice.channel} is the API, {@code dev.sluice.channel.spi} the service interfaces
 * for integrations; the flavors, waiters and counters live in the unexported {@code
 * dev.sluice.channel.internal}.
 */
module dev.sluice.channel {
    requires transitive org.reactivestreams;
    requires static org.jspecify;

    exports dev.sluice.channel;
    exports dev.sluice.channel.spi;

    uses dev.sluice.channel.spi.BlockingCallCheck;
}
