package dev.sluice.kafka.internal;

import java.util.ArrayDeque;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.jspecify.annotations.Nullable;

/**
 * The records of one assigned partition that were delivered but are not yet committable, in
 * delivery order, which is offset order (K2). Only the poll loop's thread touches it: records are
 * added as they are sent into the channel, and {@link #committable()} pops the acknowledged prefix.
 * Offsets may have gaps (compaction, transaction markers), so the offset to commit is the last
 * acknowledged record's offset plus one, never a count.
 */
final class PartitionAcks {
    private final ArrayDeque<TrackedRecord<?, ?>> outstanding = new ArrayDeque<>();
    /** The offset to commit next (the acknowledged prefix's end), or null if nothing was acknowledged. */
    private @Nullable OffsetAndMetadata ackedUpTo;
    /** The last offset a commit of this partition succeeded with, or -1. */
    private long committed = -1;

    void delivered(TrackedRecord<?, ?> record) {
        outstanding.addLast(record);
    }

    /**
     * The offset to commit, if the acknowledged prefix moved past the last commit; otherwise {@code
     * null}. A record acknowledged out of order waits here until every record before it is.
     */
    @Nullable
    OffsetAndMetadata committable() {
        TrackedRecord<?, ?> last = null;
        for (TrackedRecord<?, ?> head; (head = outstanding.peekFirst()) != null && head.isAcked(); ) {
            last = outstanding.pollFirst();
        }
        if (last != null) {
            ackedUpTo = new OffsetAndMetadata(
                    last.record().offset() + 1, last.record().leaderEpoch(), "");
        }
        OffsetAndMetadata next = ackedUpTo;
        return next != null && next.offset() > committed ? next : null;
    }

    /** A commit of this partition succeeded with {@code offset}. */
    void committed(OffsetAndMetadata offset) {
        committed = Math.max(committed, offset.offset());
    }

    /** The partition left this consumer: every record not yet committable becomes stale. */
    void abandon() {
        for (TrackedRecord<?, ?> r; (r = outstanding.pollFirst()) != null; ) {
            r.markStale();
        }
    }

    /** How many delivered records are not yet part of the acknowledged prefix. */
    int outstanding() {
        return outstanding.size();
    }
}
