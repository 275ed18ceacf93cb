package dev.sluice.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

/**
 * A record received from a {@link KafkaSource}, with its acknowledgement (K2). Call {@link #ack()}
 * once the record is processed: the source commits, per partition, up to the highest offset below
 * which every delivered record was acknowledged, so a committed offset never passes a record that
 * was not processed (at-least-once).
 *
 * <pre>{@code
 * Flux.from(source.receiver())
 *     .concatMap(r -> store(r.value()).doOnSuccess(ok -> r.ack()))
 *     .subscribe();
 * }</pre>
 *
 * <p><b>Stale records.</b> A record still waiting in the channel when its partition is revoked (a
 * rebalance moved it to another consumer) or when the source stops is delivered anyway, with {@link
 * #isStale()} {@code true}: its {@code ack()} commits nothing, because this consumer no longer owns
 * the partition, and the partition's new owner receives it again from the last commit. Skip stale
 * records ({@code filter(r -> !r.isStale())}) to avoid processing such a record twice.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface KafkaRecord<K, V> {

    /**
     * The record as the consumer returned it: headers, timestamp, leader epoch and all.
     *
     * @return the consumer's record
     */
    ConsumerRecord<K, V> record();

    /**
     * Marks the record processed, so that its offset can be committed (at the next periodic commit,
     * at a revoke or at the close). Thread-safe, idempotent and cheap (one volatile write); records
     * may be acknowledged in any order. Acknowledging a stale record does nothing.
     */
    void ack();

    /**
     * Whether {@link #ack()} was called.
     *
     * @return {@code true} if {@link #ack()} was called
     */
    boolean isAcked();

    /**
     * Whether the source no longer owns this record's partition (it was revoked, lost, or the source
     * stopped): the record will be delivered again to the partition's owner, and acknowledging it
     * commits nothing.
     *
     * @return {@code true} if the record is stale
     */
    boolean isStale();

    /**
     * The record's key.
     *
     * @return the key, or {@code null} if the record has none
     */
    default @Nullable K key() {
        return record().key();
    }

    /**
     * The record's value.
     *
     * @return the value, or {@code null} if the record has none
     */
    default @Nullable V value() {
        return record().value();
    }

    /**
     * The record's topic.
     *
     * @return the topic
     */
    default String topic() {
        return record().topic();
    }

    /**
     * The record's partition number.
     *
     * @return the partition number
     */
    default int partition() {
        return record().partition();
    }

    /**
     * The record's topic and partition.
     *
     * @return the topic and partition
     */
    default TopicPartition topicPartition() {
        return new TopicPartition(record().topic(), record().partition());
    }

    /**
     * The record's offset in its partition.
     *
     * @return the offset
     */
    default long offset() {
        return record().offset();
    }
}
