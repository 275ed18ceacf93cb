package dev.sluice.benchmarks;

/**
 * The message the benchmarks move. Each benchmark preallocates one and sends that same object over
 * and over, so that the figures measure the channel and not the allocator; the receiving side checks
 * it got exactly that object back.
 */
public final class Message {
    @Override
    public String toString() {
        return "Message@" + Integer.toHexString(System.identityHashCode(this));
    }
}
