/**
 * Sluice's Kafka bridge: {@code dev.sluice.kafka.KafkaSource} (a topic as a backpressured channel)
 * and {@code dev.sluice.kafka.KafkaSink} (a channel, or any publisher, drained into a topic). Only
 * the API package is exported; the poll loop, the acknowledgement tracking and the send window live
 * in the unexported {@code dev.sluice.kafka.internal}.
 */
module dev.sluice.kafka {
    requires transitive dev.sluice.channel;
    requires transitive kafka.clients;
    requires static org.jspecify;

    exports dev.sluice.kafka;
}
