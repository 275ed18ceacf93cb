package dev.sluice.channel.chaos;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Counts of what a chaos worker did, by API and outcome, so a run can show which flavor and API
 * combinations it exercised. Each worker owns one (not thread-safe); the round adds them up.
 */
final class ChaosStats {

    /** What is counted. The {@code *_OK} counters count elements accepted or received through that API. */
    enum Count {
        SEND_OK("send"),
        TRY_SEND_OK("trySend"),
        TIMED_SEND_OK("send(timeout)"),
        SEND_ASYNC_OK("sendAsync"),
        PERMIT_SEND_OK("permit.send"),
        UPSTREAM_OK("onNext(upstream)"),
        RECV_OK("recv"),
        TRY_RECV_OK("tryRecv"),
        TIMED_RECV_OK("recv(timeout)"),
        RECV_ASYNC_OK("recvAsync"),
        ITERATOR_OK("iterator"),
        STREAM_OK("stream"),
        SUBSCRIBER_OK("subscriber"),
        SEND_FULL("trySend FULL"),
        SEND_TIMED_OUT("send timed out"),
        SEND_INTERRUPTED("send interrupted"),
        SEND_CLOSED("send closed"),
        SEND_ASYNC_CANCELLED("sendAsync cancelled"),
        SEND_ASYNC_TIMED_OUT("sendAsync orTimeout"),
        RESERVE("reserve()"),
        TRY_RESERVE("tryReserve(n)"),
        TRY_RESERVE_FULL("tryReserve null"),
        RESERVE_INTERRUPTED("reserve interrupted"),
        PERMIT_SLOTS_RELEASED("permit slots released unused"),
        UPSTREAM_SEGMENTS("upstream segments"),
        UPSTREAM_CANCELLED("upstream cancelled"),
        SENDER_SWAPS("sender clone+close"),
        FAILS("fail/onError"),
        RECV_EMPTY("tryRecv empty"),
        RECV_TIMED_OUT("recv timed out"),
        RECV_INTERRUPTED("recv interrupted"),
        RECV_ASYNC_CANCELLED("recvAsync cancelled"),
        RECV_ASYNC_TIMED_OUT("recvAsync orTimeout"),
        SUBSCRIPTIONS("subscriptions"),
        SUBSCRIPTION_CANCELS("subscription cancels"),
        RECEIVER_SWAPS("receiver clone+close"),
        CONSUMER_QUITS("consumers quit early"),
        INTERRUPTS("interrupts sent");

        final String label;

        Count(String label) {
            this.label = label;
        }
    }

    /** The APIs through which elements move, one per {@code *_OK} counter. */
    static final Set<Count> APIS = EnumSet.range(Count.SEND_OK, Count.SUBSCRIBER_OK);

    private final long[] counts = new long[Count.values().length];
    /** Runs started per API (indexed like {@link #counts}, {@code *_OK} entries only). */
    private final long[] runs = new long[Count.values().length];

    /** Counts a run through {@code api} (one of {@link #APIS}), whatever it then moves. */
    void ran(Count api) {
        runs[api.ordinal()]++;
    }

    long runs(Count api) {
        return runs[api.ordinal()];
    }

    void add(Count c) {
        counts[c.ordinal()]++;
    }

    void add(Count c, long n) {
        counts[c.ordinal()] += n;
    }

    long get(Count c) {
        return counts[c.ordinal()];
    }

    ChaosStats addAll(ChaosStats other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
            runs[i] += other.runs[i];
        }
        return this;
    }

    /** The non-zero counters, as {@code label=count}. */
    @Override
    public String toString() {
        return EnumSet.allOf(Count.class).stream()
                .filter(c -> get(c) != 0)
                .map(c -> c.label + "=" + get(c))
                .collect(Collectors.joining(", "));
    }
}
