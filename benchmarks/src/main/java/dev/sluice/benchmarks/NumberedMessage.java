package dev.sluice.benchmarks;

/**
 * A preallocated message that carries a number, so that a consumer can check, besides how many
 * messages arrived, that they were the right ones (the sum of their numbers).
 *
 * <p>The fixed-count benchmarks preallocate one {@link #ring ring} of these and send message {@code i}
 * of a batch as {@code ring[i & (ring.length - 1)]}: the figures measure the pipeline, not the
 * allocator, and the expected checksum of a batch is known in advance ({@link #checksum}).
 */
final class NumberedMessage {

    /** Distinct messages in a ring: more than any buffer's capacity, so a full buffer holds no repeats. */
    static final int RING_SIZE = 1 << 12;

    final int number;

    NumberedMessage(int number) {
        this.number = number;
    }

    /** {@value #RING_SIZE} messages numbered 1 to {@value #RING_SIZE}. */
    static NumberedMessage[] ring() {
        NumberedMessage[] ring = new NumberedMessage[RING_SIZE];
        for (int i = 0; i < RING_SIZE; i++) {
            ring[i] = new NumberedMessage(i + 1);
        }
        return ring;
    }

    /** The sum of the numbers of messages {@code 0 .. count - 1} taken from {@code ring} as above. */
    static long checksum(NumberedMessage[] ring, int count) {
        int mask = ring.length - 1;
        long sum = 0;
        for (int i = 0; i < count; i++) {
            sum += ring[i & mask].number;
        }
        return sum;
    }

    @Override
    public String toString() {
        return "NumberedMessage#" + number;
    }
}
