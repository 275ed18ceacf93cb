package dev.sluice.benchmarks;

/**
 * A message of the fixed-count benchmarks: each one carries its number and a 64-bit digest of it.
 * Every invocation sends the same preallocated array of them, so the figures measure the queue and
 * not the allocator; the receivers add up the digests of what they received, and the sum must equal
 * {@link #digestSum} of the array. A lost, duplicated or foreign message changes the sum.
 */
public final class DigestedMessage {

    /** The position in the array the benchmark sends. */
    public final int number;

    /** A mix of {@link #number} (SplitMix64's finalizer), so that a checksum over many is hard to fool. */
    public final long digest;

    private DigestedMessage(int number) {
        this.number = number;
        long z = number * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        this.digest = z ^ (z >>> 31);
    }

    /** Messages numbered {@code 0 .. count - 1}. */
    static DigestedMessage[] numbered(int count) {
        DigestedMessage[] messages = new DigestedMessage[count];
        for (int i = 0; i < count; i++) {
            messages[i] = new DigestedMessage(i);
        }
        return messages;
    }

    /** The sum of the digests: what the receivers' sums must add up to once all arrived. */
    static long digestSum(DigestedMessage[] messages) {
        long sum = 0;
        for (DigestedMessage message : messages) {
            sum += message.digest;
        }
        return sum;
    }

    @Override
    public String toString() {
        return "DigestedMessage#" + number;
    }
}
