package dev.sluice.channel.chaos;

import dev.sluice.channel.chaos.ChaosStats.Count;
import dev.sluice.channel.testing.Tally;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * The accounting of a chaos round. Elements are {@link Tally#tag tagged} with their producer and a
 * per-producer sequence number; every send attempt uses a new number (a retry after {@code FULL}
 * keeps it, as the caller keeps its element).
 *
 * <ul>
 *   <li>each producer records, per sequence number, whether the channel <em>accepted</em> it (the
 *       call returned normally or reported success), in {@link Outcomes};
 *   <li>each consumer records what it received, in order, in a {@link ReceiveLog}, which notes the
 *       first time one producer's numbers go backwards (FIFO per producer);
 *   <li>the dropping policies' {@code onDrop} records what was dropped, in {@link LongLog}s.
 * </ul>
 *
 * <p>{@link #verify} then demands, per producer: every accepted element was received or dropped,
 * exactly once (never both, never twice); nothing that was not accepted was received or dropped.
 *
 * <p>One API does not report acceptance per element: an upstream subscribed into a sender calls
 * {@code onNext}, which returns normally whether or not the element went in. Its elements are
 * classified by real time, against the event that closed the channel (the {@code fail}, or the
 * receivers leaving), using ticks of one atomic clock: an {@code onNext} that returned before the
 * event started was accepted; one that started after the event ended was not; only one that
 * overlapped the event may go either way. On a rendezvous channel {@code onNext} only starts the
 * hand-off, so the last element of a segment counts as accepted only if the segment's handle closed
 * (which waits for the hand-off) before the event. Whatever went in, a segment's accepted elements
 * are a prefix of it.
 */
final class ChaosLedger {

    private ChaosLedger() {}

    /** A growable list of longs. Not thread-safe. */
    static final class LongLog {
        private long[] values = new long[256];
        private int size;

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        int size() {
            return size;
        }

        long get(int index) {
            return values[index];
        }
    }

    /** A growable list of bytes. Not thread-safe. */
    static final class ByteLog {
        private byte[] values = new byte[256];
        private int size;

        void set(int index, byte value) {
            if (index >= values.length) {
                values = Arrays.copyOf(values, Math.max(index + 1, values.length * 2));
            }
            values[index] = value;
            size = Math.max(size, index + 1);
        }

        byte get(int index) {
            return index < size ? values[index] : -1;
        }
    }

    /** The label of an API recorded as a byte (a {@link Count} ordinal). */
    static String api(byte code) {
        return code < 0 ? "?" : Count.values()[code].label;
    }

    /**
     * What one consumer received, in order, noting the first per-producer order violation. Written by
     * one thread at a time (the consumer, or its subscription's serial {@code onNext}).
     */
    static final class ReceiveLog {
        private final LongLog elements = new LongLog();
        private final ByteLog apis = new ByteLog();
        private final int[] lastSeq;
        private final int[] lastIndex;
        private String violation;
        private int violationIndex = -1;

        ReceiveLog(int producers) {
            lastSeq = new int[producers];
            lastIndex = new int[producers];
            Arrays.fill(lastSeq, -1);
        }

        /** Records an element received through {@code api}. */
        void add(long tagged, Count api) {
            int p = Tally.producerOf(tagged);
            int seq = Tally.seqOf(tagged);
            int index = elements.size();
            if (p >= 0 && p < lastSeq.length) {
                if (seq <= lastSeq[p] && violation == null) {
                    violation = "producer " + p + "'s #" + seq + " arrived after its #" + lastSeq[p];
                    violationIndex = index;
                    earlierIndex = lastIndex[p];
                }
                lastSeq[p] = seq;
                lastIndex[p] = index;
            }
            elements.add(tagged);
            apis.set(index, (byte) api.ordinal());
        }

        private int earlierIndex;

        /** The order violation with the APIs involved, or null. */
        String violation(Outcomes[] producers) {
            if (violation == null) {
                return null;
            }
            long late = elements.get(violationIndex);
            long early = elements.get(earlierIndex);
            return violation + ": " + describe(producers, early) + " was received as element " + earlierIndex
                    + " through " + api(apis.get(earlierIndex)) + ", " + describe(producers, late)
                    + " as element " + violationIndex + " through " + api(apis.get(violationIndex));
        }

        int size() {
            return elements.size();
        }
    }

    /** One producer's outcomes. Written by the producer's thread only. */
    static final class Outcomes {
        private final BitSet accepted = new BitSet();
        private final ByteLog apis = new ByteLog();
        private final List<Segment> segments = new ArrayList<>();
        private int issued;

        /** Takes the next sequence number, for a send through {@code api}. */
        int next(Count api) {
            apis.set(issued, (byte) api.ordinal());
            return issued++;
        }

        int issued() {
            return issued;
        }

        void accepted(int seq) {
            accepted.set(seq);
        }

        /** Starts a segment fed by an upstream, for up to {@code count} elements from {@code next()}. */
        Segment segment(int count, boolean rendezvous) {
            Segment s = new Segment(issued, count, rendezvous);
            segments.add(s);
            return s;
        }

        long acceptedCount() {
            return accepted.cardinality();
        }
    }

    /** Elements an upstream fed into a sender, with the clock ticks around each {@code onNext}. */
    static final class Segment {
        final int firstSeq;
        final boolean rendezvous;
        final long[] startTicks;
        final long[] endTicks;
        int delivered;
        /** When the producer saw the segment's handle closed (after the last hand-off). */
        long closedTick = Long.MAX_VALUE;

        Segment(int firstSeq, int count, boolean rendezvous) {
            this.firstSeq = firstSeq;
            this.rendezvous = rendezvous;
            this.startTicks = new long[count];
            this.endTicks = new long[count];
        }
    }

    /** The closing event, as clock ticks: it started no earlier than {@code start}, ended no later than {@code end}. */
    record Window(long start, long end) {
        /** No closing event during the sends. */
        static final Window NONE = new Window(Long.MAX_VALUE, Long.MAX_VALUE);
    }

    /** The result of {@link #verify}. */
    record Verdict(
            long received,
            long dropped,
            long accepted,
            long undecided,
            long lost,
            long duplicated,
            long unsentDelivered,
            long orderViolations,
            List<String> problems) {

        boolean clean() {
            return problems.isEmpty();
        }

        String summary() {
            return "received " + received + ", dropped " + dropped + ", accepted " + accepted + " (" + undecided
                    + " upstream elements raced the close), lost " + lost + ", duplicated " + duplicated
                    + ", received-or-dropped but never accepted " + unsentDelivered + ", FIFO violations "
                    + orderViolations;
        }
    }

    private static final int MAX_PROBLEMS = 20;

    /** An element and the API its producer sent it through. */
    static String describe(Outcomes[] producers, long tagged) {
        int p = Tally.producerOf(tagged);
        int seq = Tally.seqOf(tagged);
        String via = p >= 0 && p < producers.length && seq >= 0 ? api(producers[p].apis.get(seq)) : "?";
        return Tally.describe(tagged) + " (sent through " + via + ")";
    }

    /** Checks that every producer's elements are accounted for exactly; see the class comment. */
    static Verdict verify(Outcomes[] producers, List<ReceiveLog> logs, List<LongLog> drops, Window window) {
        int n = producers.length;
        List<String> problems = new ArrayList<>();
        BitSet[] delivered = new BitSet[n];
        for (int p = 0; p < n; p++) {
            delivered[p] = new BitSet();
        }
        long received = 0;
        long dropped = 0;
        long duplicated = 0;
        long unsent = 0;
        long orderViolations = 0;
        for (int c = 0; c < logs.size(); c++) {
            ReceiveLog log = logs.get(c);
            if (log.violation != null) {
                orderViolations++;
                note(problems, "FIFO broken at consumer " + c + ": " + log.violation(producers));
            }
            for (int i = 0; i < log.size(); i++) {
                long e = log.elements.get(i);
                received++;
                int r = record(producers, delivered, e);
                if (r == DUPLICATE) {
                    duplicated++;
                    note(
                            problems,
                            "duplicated: " + describe(producers, e) + " (again at consumer " + c + ", through "
                                    + api(log.apis.get(i)) + ")");
                } else if (r == UNKNOWN) {
                    unsent++;
                    note(problems, "consumer " + c + " received " + Tally.describe(e) + ", which was never sent");
                }
            }
        }
        for (LongLog log : drops) {
            for (int i = 0; i < log.size(); i++) {
                long e = log.get(i);
                dropped++;
                int r = record(producers, delivered, e);
                if (r == DUPLICATE) {
                    duplicated++;
                    note(problems, "dropped " + Tally.describe(e) + ", which was also received or dropped before");
                } else if (r == UNKNOWN) {
                    unsent++;
                    note(problems, "dropped " + Tally.describe(e) + ", which was never sent");
                }
            }
        }
        long accepted = 0;
        long undecided = 0;
        long lost = 0;
        for (int p = 0; p < n; p++) {
            BitSet must = (BitSet) producers[p].accepted.clone();
            BitSet may = new BitSet();
            for (Segment s : producers[p].segments) {
                classify(s, window, must, may);
                checkPrefix(p, s, delivered[p], problems);
            }
            BitSet missing = (BitSet) must.clone();
            missing.andNot(delivered[p]);
            if (!missing.isEmpty()) {
                lost += missing.cardinality();
                note(
                        problems,
                        "lost " + missing.cardinality() + " accepted element(s) of producer " + p + ", first "
                                + describe(producers, Tally.tag(p, missing.nextSetBit(0))));
            }
            BitSet extra = (BitSet) delivered[p].clone();
            extra.andNot(must);
            extra.andNot(may);
            if (!extra.isEmpty()) {
                unsent += extra.cardinality();
                note(
                        problems,
                        extra.cardinality() + " element(s) of producer " + p
                                + " were received or dropped though their send did not accept them, first "
                                + describe(producers, Tally.tag(p, extra.nextSetBit(0))));
            }
            BitSet decidedLate = (BitSet) may.clone();
            decidedLate.and(delivered[p]);
            accepted += must.cardinality() + decidedLate.cardinality();
            undecided += may.cardinality();
        }
        return new Verdict(
                received,
                dropped,
                accepted,
                undecided,
                lost,
                duplicated,
                unsent,
                orderViolations,
                List.copyOf(problems));
    }

    private static final int FIRST = 0, DUPLICATE = 1, UNKNOWN = 2;

    private static int record(Outcomes[] producers, BitSet[] delivered, long e) {
        int p = Tally.producerOf(e);
        int seq = Tally.seqOf(e);
        if (p < 0 || p >= producers.length || seq < 0 || seq >= producers[p].issued) {
            return UNKNOWN;
        }
        if (delivered[p].get(seq)) {
            return DUPLICATE;
        }
        delivered[p].set(seq);
        return FIRST;
    }

    /** Sorts a segment's elements into accepted ({@code must}), either ({@code may}) or not accepted. */
    private static void classify(Segment s, Window window, BitSet must, BitSet may) {
        for (int i = 0; i < s.delivered; i++) {
            int seq = s.firstSeq + i;
            boolean last = i == s.delivered - 1;
            boolean returnedBefore =
                    s.rendezvous && last ? s.closedTick < window.start() : s.endTicks[i] < window.start();
            if (returnedBefore) {
                must.set(seq);
            } else if (s.startTicks[i] <= window.end()) {
                may.set(seq);
            } // else: started after the channel closed, so not accepted
        }
    }

    /** Elements go into the channel in the order the upstream emits them, until one is refused. */
    private static void checkPrefix(int p, Segment s, BitSet delivered, List<String> problems) {
        int end = s.firstSeq + s.delivered;
        int hole = delivered.nextClearBit(s.firstSeq);
        if (hole < end) {
            int after = delivered.nextSetBit(hole);
            if (after >= 0 && after < end) {
                note(
                        problems,
                        "upstream segment of producer " + p + " lost " + Tally.describe(Tally.tag(p, hole))
                                + " but delivered the later " + Tally.describe(Tally.tag(p, after)));
            }
        }
    }

    private static void note(List<String> problems, String problem) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(problem);
        } else if (problems.size() == MAX_PROBLEMS) {
            problems.add("(more problems left out)");
        }
    }
}
