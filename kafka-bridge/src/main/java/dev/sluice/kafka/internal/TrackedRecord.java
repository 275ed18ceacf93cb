package dev.sluice.kafka.internal;

import dev.sluice.kafka.KafkaRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A delivered record with its two flags: {@code acked}, written by whichever thread processed it,
 * and {@code stale}, written by the poll loop when the partition leaves this consumer. The poll loop
 * reads {@code acked} when it computes what to commit ({@link PartitionAcks}); volatile on both sides
 * is the whole protocol.
 */
public final class TrackedRecord<K, V> implements KafkaRecord<K, V> {
    private final ConsumerRecord<K, V> record;
    private volatile boolean acked;
    private volatile boolean stale;

    TrackedRecord(ConsumerRecord<K, V> record) {
        this.record = record;
    }

    @Override
    public ConsumerRecord<K, V> record() {
        return record;
    }

    @Override
    public void ack() {
        acked = true;
    }

    @Override
    public boolean isAcked() {
        return acked;
    }

    @Override
    public boolean isStale() {
        return stale;
    }

    void markStale() {
        stale = true;
    }

    @Override
    public String toString() {
        return "KafkaRecord[" + record.topic() + "-" + record.partition() + "@" + record.offset()
                + (acked ? ", acked" : "") + (stale ? ", stale" : "") + "]";
    }
}
