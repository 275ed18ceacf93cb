package dev.sluice.benchmarks;

/**
 * A count written by one thread, padded on both sides so that the producer's and the consumer's
 * counts never share a cache line (64 bytes; 128 to defeat the adjacent-line prefetcher).
 */
@SuppressWarnings("unused") // the padding is read by nobody, on purpose
final class Tally {
    private long p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;

    long count;

    private long q01, q02, q03, q04, q05, q06, q07, q08, q09, q10, q11, q12, q13, q14, q15;
}
