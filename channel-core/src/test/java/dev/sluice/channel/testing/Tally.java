package dev.sluice.channel.testing;

import java.util.Arrays;
import java.util.BitSet;

/**
 * Accounting for concurrent tests. Elements are {@code long}s tagged with a producer id and that
 * producer's sequence number ({@link #tag}); each consumer records what it receives in a {@link
 * Log}, which checks per-producer order as it goes; a {@code Tally} then merges logs (and any other
 * elements, such as dropped ones) and checks that nothing was duplicated, lost or invented.
 */
public final class Tally {

    /** Producer {@code producer}'s element number {@code seq}. */
    public static long tag(int producer, int seq) {
        return ((long) producer << 32) | (seq & 0xFFFF_FFFFL);
    }

    public static int producerOf(long tagged) {
        return (int) (tagged >>> 32);
    }

    public static int seqOf(long tagged) {
        return (int) tagged;
    }

    public static String describe(long tagged) {
        return "p" + producerOf(tagged) + "#" + seqOf(tagged);
    }

    /**
     * What one consumer received, in order. Not thread-safe: one consumer thread writes it, and the
     * test reads it after joining that thread.
     */
    public static final class Log {
        private final int[] lastSeq;
        private long[] elements = new long[1024];
        private int size;
        private String violation;

        public Log(int producers) {
            lastSeq = new int[producers];
            Arrays.fill(lastSeq, -1);
        }

        /** Records a received element, noting the first time a producer's order goes backwards. */
        public void add(long tagged) {
            int producer = producerOf(tagged);
            int seq = seqOf(tagged);
            if (producer < 0 || producer >= lastSeq.length || seq < 0) {
                noteViolation("received an element no producer sent: " + describe(tagged));
            } else {
                if (seq <= lastSeq[producer]) {
                    noteViolation("producer " + producer + "'s #" + seq + " arrived after #" + lastSeq[producer]);
                }
                lastSeq[producer] = seq;
            }
            if (size == elements.length) {
                elements = Arrays.copyOf(elements, size * 2);
            }
            elements[size++] = tagged;
        }

        private void noteViolation(String what) {
            if (violation == null) {
                violation = what + " (element " + size + " of this consumer)";
            }
        }

        public int size() {
            return size;
        }

        public long get(int index) {
            return elements[index];
        }
    }

    private final BitSet[] seen;
    private final int[] counts;

    public Tally(int producers) {
        seen = new BitSet[producers];
        counts = new int[producers];
        for (int p = 0; p < producers; p++) {
            seen[p] = new BitSet();
        }
    }

    /** Adds every element of the logs, failing if a log saw a producer's order go backwards. */
    public Tally addLogs(Iterable<Log> logs) {
        int consumer = 0;
        for (Log log : logs) {
            if (log.violation != null) {
                throw new AssertionError("per-producer FIFO broken at consumer " + consumer + ": " + log.violation);
            }
            for (int i = 0; i < log.size; i++) {
                add(log.elements[i]);
            }
            consumer++;
        }
        return this;
    }

    /** Adds one element, failing if it was seen before or no producer sent it. */
    public Tally add(long tagged) {
        int producer = producerOf(tagged);
        int seq = seqOf(tagged);
        if (producer < 0 || producer >= seen.length || seq < 0) {
            throw new AssertionError("an element no producer sent: " + describe(tagged));
        }
        if (seen[producer].get(seq)) {
            throw new AssertionError("duplicated: " + describe(tagged));
        }
        seen[producer].set(seq);
        counts[producer]++;
        return this;
    }

    public int count(int producer) {
        return counts[producer];
    }

    public long total() {
        long total = 0;
        for (int count : counts) {
            total += count;
        }
        return total;
    }

    /** Every producer {@code p} is accounted for exactly with its elements {@code 0 .. sent[p]-1}. */
    public void assertExactly(int[] sent) {
        for (int p = 0; p < seen.length; p++) {
            assertPrefix(p, sent[p]);
        }
    }

    /** Every producer is accounted for exactly with its elements {@code 0 .. perProducer-1}. */
    public void assertExactly(int perProducer) {
        for (int p = 0; p < seen.length; p++) {
            assertPrefix(p, perProducer);
        }
    }

    /** Producer {@code p} is accounted for exactly with its elements {@code 0 .. length-1}. */
    public void assertPrefix(int p, int length) {
        int firstMissing = seen[p].nextClearBit(0);
        if (firstMissing < length) {
            throw new AssertionError("lost: " + describe(tag(p, firstMissing)) + " (producer " + p + " has " + counts[p]
                    + " of " + length + ")");
        }
        if (counts[p] != length) {
            throw new AssertionError("producer " + p + " accounts for " + counts[p] + " elements, expected " + length
                    + "; first extra: " + describe(tag(p, seen[p].nextSetBit(length))));
        }
    }

    /**
     * Each producer's elements form a prefix {@code 0 .. count(p)-1}: nothing after a gap, as FIFO
     * demands when only a tail can have been discarded.
     */
    public void assertPrefixes() {
        for (int p = 0; p < seen.length; p++) {
            assertPrefix(p, counts[p]);
        }
    }
}
