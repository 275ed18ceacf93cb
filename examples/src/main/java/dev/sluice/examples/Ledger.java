package dev.sluice.examples;

/**
 * What a demo's consumer received, per source (an uplink, a partition): each source's sequence
 * numbers must rise by exactly one, or, where drops are expected, rise. A repeat is a duplicate; a
 * fall, or a gap where none is allowed, is out of order (and what follows is judged against the
 * last number accepted, so one gap is not counted again for every later element).
 */
final class Ledger {
    private final long[] next;
    private final boolean gapsAllowed;
    private long received, inOrder, duplicated, outOfOrder;

    Ledger(int sources, boolean gapsAllowed) {
        this.next = new long[sources];
        this.gapsAllowed = gapsAllowed;
    }

    synchronized void record(int source, long seq) {
        received++;
        long expected = next[source];
        if (seq == expected || (gapsAllowed && seq > expected)) {
            inOrder++;
            next[source] = seq + 1;
        } else if (seq < expected) {
            duplicated++;
        } else {
            outOfOrder++;
        }
    }

    /** Everything recorded. */
    synchronized long received() {
        return received;
    }

    /** What arrived in order: with no gaps allowed, the distinct elements. */
    synchronized long inOrder() {
        return inOrder;
    }

    synchronized long duplicated() {
        return duplicated;
    }

    synchronized long outOfOrder() {
        return outOfOrder;
    }
}
