/**
 * Sluice's Reactor bridge: {@code dev.sluice.reactor.ChannelFlux}. Only the API package is exported;
 * the fused subscription and the producers live in the unexported {@code dev.sluice.reactor.internal}.
 */
module dev.sluice.reactor {
    requires transitive dev.sluice.channel;
    requires transitive reactor.core;
    requires static org.jspecify;
    // only for the BlockHound integration, found through META-INF/services when BlockHound runs
    requires static reactor.blockhound;

    exports dev.sluice.reactor;

    // refuses blocking channel calls on Reactor's non-blocking threads (B5)
    provides dev.sluice.channel.spi.BlockingCallCheck with
            dev.sluice.reactor.internal.ReactorBlockingCheck;
}
