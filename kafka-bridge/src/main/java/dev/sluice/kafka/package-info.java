/**
 * Kafka topics as Sluice channels: {@link dev.sluice.kafka.KafkaSource} (a topic as a backpressured
 * channel) and {@link dev.sluice.kafka.KafkaSink} (records drained into a topic with a bound on
 * unacknowledged sends). Types are non-null unless annotated {@code @Nullable} (JSpecify).
 */
@NullMarked
package dev.sluice.kafka;

import org.jspecify.annotations.NullMarked;
