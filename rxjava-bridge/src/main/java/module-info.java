/**
 * Sluice's RxJava 3 bridge: {@code dev.sluice.rxjava.ChannelFlowable}. Only the API package is
 * exported; the fused subscription and the feeds live in the unexported {@code
 * dev.sluice.rxjava.internal}.
 */
module dev.sluice.rxjava {
    requires transitive dev.sluice.channel;
    requires transitive io.reactivex.rxjava3;
    requires static org.jspecify;

    exports dev.sluice.rxjava;

    // refuses blocking channel calls on RxJava's non-blocking threads, when RxJava is told to (B5)
    provides dev.sluice.channel.spi.BlockingCallCheck with
            dev.sluice.rxjava.internal.RxJavaBlockingCheck;
}
