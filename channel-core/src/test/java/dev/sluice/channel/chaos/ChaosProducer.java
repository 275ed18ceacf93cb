package dev.sluice.channel.chaos;

import dev.sluice.channel.ChannelClosedException;
import dev.sluice.channel.Permit;
import dev.sluice.channel.SendStatus;
import dev.sluice.channel.Sender;
import dev.sluice.channel.chaos.ChaosLedger.Outcomes;
import dev.sluice.channel.chaos.ChaosLedger.Segment;
import dev.sluice.channel.chaos.ChaosPlan.Ending;
import dev.sluice.channel.chaos.ChaosStats.Count;
import dev.sluice.channel.testing.Flavors.Flavor;
import dev.sluice.channel.testing.Tally;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.reactivestreams.Subscription;

/**
 * A chaos producer: sends its tagged elements in runs, each run through one API drawn from this
 * producer's own mix: blocking {@code send}, {@code trySend} (with a few retries), {@code send} with
 * a random timeout, batches of {@code sendAsync} (some cancelled, some given an {@code orTimeout}),
 * permits ({@code reserve} / {@code tryReserve(n)}, some slots released unused), a segment fed by an
 * upstream the sender subscribes to, or swapping its handle for a clone. The failer of a FAIL round
 * fails the channel at its chosen sequence number, through {@code fail} or its upstream's {@code
 * onError}. Every attempt's outcome goes to the {@link Outcomes}.
 *
 * <p>Per-producer order needs one send in progress at a time: a run of async sends or an upstream
 * segment is finished (every future complete, the segment's handle closed) before the next run.
 */
final class ChaosProducer extends ChaosWorker {

    /** The APIs a run can use, in the order of {@link #weights}. */
    enum Api {
        SEND(Count.SEND_OK),
        TRY_SEND(Count.TRY_SEND_OK),
        TIMED_SEND(Count.TIMED_SEND_OK),
        SEND_ASYNC(Count.SEND_ASYNC_OK),
        PERMIT(Count.PERMIT_SEND_OK),
        UPSTREAM(Count.UPSTREAM_OK),
        SWAP_HANDLE(null);

        /** The counter of elements accepted through this API. */
        final Count counted;

        Api(Count counted) {
            this.counted = counted;
        }
    }

    private final Flavor flavor;
    private final boolean failer;
    private final ApiMix<Api> mix;
    /** Single producer: the sequence number from which it feeds the rest through an upstream. */
    private final int upstreamTailFrom;

    final Outcomes outcomes = new Outcomes();
    private Sender<Long> mine;
    private boolean failed;

    ChaosProducer(Shared shared, int id, Sender<Long> handle) {
        super(shared, id, shared.plan.producerSeeds()[id]);
        this.flavor = shared.plan.variant().flavor();
        this.failer = shared.plan.ending() == Ending.FAIL && shared.plan.failer() == id;
        this.mine = handle;
        this.mix = new ApiMix<>(Api.values(), this::applicable, rng);
        // A single producer's upstream takes its one handle, so that is its last run, if it has one.
        // It starts before any fail is due (failAt >= quota / 4), so a FAIL round has it too.
        this.upstreamTailFrom = shared.plan.singleSideSubscribes() && flavor.singleProducer()
                ? rng.nextInt(Math.max(1, shared.plan.quota() / 4))
                : Integer.MAX_VALUE;
    }

    private boolean applicable(Api api) {
        switch (api) {
            case PERMIT:
                return !flavor.isRendezvous(); // no slots to reserve
            case SWAP_HANDLE:
            case UPSTREAM:
                return !flavor.singleProducer(); // the one sender cannot be cloned (see upstreamTailFrom)
            default:
                return true;
        }
    }

    private int quota() {
        return shared.plan.quota();
    }

    /** Runs until the quota is used or the channel closed under it; closes its handle. */
    Outcomes run() throws Exception {
        try {
            produce();
        } finally {
            if (mine != null) {
                mine.close();
            }
        }
        return outcomes;
    }

    private void produce() throws Exception {
        while (outcomes.issued() < quota()) {
            checkAborted();
            if (failDue()) {
                fail();
                return;
            }
            if (outcomes.issued() >= upstreamTailFrom) {
                stats.ran(Count.UPSTREAM_OK);
                upstreamSegment(quota() - outcomes.issued());
                return;
            }
            Api api = mix.pick(rng);
            int run = 1 + rng.nextInt(api == Api.SEND_ASYNC ? 8 : api == Api.UPSTREAM ? 512 : 64);
            run = Math.min(run, quota() - outcomes.issued());
            if (api != Api.SWAP_HANDLE) {
                stats.ran(api.counted);
            }
            boolean open;
            switch (api) {
                case SEND:
                    open = sendRun(run);
                    break;
                case TRY_SEND:
                    open = trySendRun(run);
                    break;
                case TIMED_SEND:
                    open = timedSendRun(run);
                    break;
                case SEND_ASYNC:
                    open = sendAsyncRun(run);
                    break;
                case PERMIT:
                    open = permitRun();
                    break;
                case UPSTREAM:
                    open = upstreamSegment(run);
                    break;
                case SWAP_HANDLE:
                    Sender<Long> next = mine.clone();
                    mine.close();
                    mine = next;
                    stats.add(Count.SENDER_SWAPS);
                    open = true;
                    break;
                default:
                    throw new AssertionError(api);
            }
            progressed();
            if (!open) {
                return; // the channel is closed for sending: nothing more can go in
            }
        }
    }

    /** Whether the failer must fail before sending anything more. */
    private boolean failDue() {
        return failer && !failed && outcomes.issued() >= shared.plan.failAt();
    }

    private long tag(int seq) {
        return Tally.tag(id, seq);
    }

    private void fail() {
        shared.windowStart = shared.tick();
        boolean closedIt = mine.fail(shared.cause);
        shared.windowEnd = shared.tick();
        failed = true;
        mine = null; // fail closed it
        stats.add(Count.FAILS);
        if (!closedIt) {
            throw new AssertionError("fail(cause) did not close the channel, though nothing else could have");
        }
    }

    private boolean closed(ChannelClosedException e, String api) {
        stats.add(Count.SEND_CLOSED);
        shared.checkClosedForSending(e, "producer " + id + " " + api);
        return false;
    }

    private boolean sendRun(int run) {
        for (int i = 0; i < run && !failDue(); i++) {
            progressed();
            maybeSlow();
            int seq = outcomes.next(Count.SEND_OK);
            try {
                mine.send(tag(seq));
                outcomes.accepted(seq);
                stats.add(Count.SEND_OK);
            } catch (InterruptedException e) {
                stats.add(Count.SEND_INTERRUPTED);
            } catch (ChannelClosedException e) {
                return closed(e, "send");
            }
        }
        return true;
    }

    private boolean trySendRun(int run) {
        for (int i = 0; i < run && !failDue(); i++) {
            progressed();
            maybeSlow();
            int retries = rng.nextInt(32);
            int seq = outcomes.next(Count.TRY_SEND_OK);
            SendStatus s = SendStatus.FULL;
            for (int attempt = 0; attempt <= retries && s == SendStatus.FULL; attempt++) {
                s = mine.trySend(tag(seq)); // after FULL the caller still owns the element: retry it
                if (s == SendStatus.FULL) {
                    Thread.onSpinWait();
                }
            }
            if (s == SendStatus.SENT) {
                outcomes.accepted(seq);
                stats.add(Count.TRY_SEND_OK);
            } else if (s == SendStatus.FULL) {
                stats.add(Count.SEND_FULL);
            } else {
                stats.add(Count.SEND_CLOSED);
                if (shared.plan.ending() == Ending.CLOSE) {
                    throw new AssertionError(
                            "trySend answered CLOSED though every sender is open and a receiver stays");
                }
                return false;
            }
        }
        return true;
    }

    private boolean timedSendRun(int run) {
        for (int i = 0; i < run && !failDue(); i++) {
            progressed();
            maybeSlow();
            java.time.Duration timeout = timeout();
            int seq = outcomes.next(Count.TIMED_SEND_OK);
            try {
                if (mine.send(tag(seq), timeout)) {
                    outcomes.accepted(seq);
                    stats.add(Count.TIMED_SEND_OK);
                } else {
                    stats.add(Count.SEND_TIMED_OUT);
                }
            } catch (InterruptedException e) {
                stats.add(Count.SEND_INTERRUPTED);
            } catch (ChannelClosedException e) {
                return closed(e, "send(timeout)");
            }
        }
        return true;
    }

    /** Starts up to {@code run} sends at once through this handle, then waits for every outcome. */
    private boolean sendAsyncRun(int run) {
        int n = run;
        if (failer && !failed) {
            n = Math.min(n, shared.plan.failAt() - outcomes.issued());
        }
        int[] seqs = new int[n];
        Fate[] fates = new Fate[n];
        List<CompletableFuture<Void>> futures = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            fates[i] = fate();
            int parameter = fateParameter();
            seqs[i] = outcomes.next(Count.SEND_ASYNC_OK);
            futures.add(mine.sendAsync(tag(seqs[i])).toCompletableFuture());
            apply(futures.get(i), fates[i], parameter);
        }
        boolean open = true;
        for (int i = 0; i < n; i++) {
            progressed();
            Outcome<Void> o = outcome(futures.get(i));
            if (o.succeeded()) {
                outcomes.accepted(seqs[i]);
                stats.add(Count.SEND_ASYNC_OK);
            } else if (o.withdrawn()) {
                if (fates[i] == Fate.WAIT) {
                    throw unexpected("sendAsync (neither cancelled nor timed)", o.failure);
                }
                stats.add(fates[i] == Fate.CANCEL ? Count.SEND_ASYNC_CANCELLED : Count.SEND_ASYNC_TIMED_OUT);
            } else if (o.failure instanceof ChannelClosedException) {
                open = closed((ChannelClosedException) o.failure, "sendAsync");
            } else {
                throw unexpected("sendAsync", o.failure);
            }
        }
        return open;
    }

    /** Reserves slots (waiting for one, or trying for several), uses some, releases the rest. */
    private boolean permitRun() {
        boolean waiting = rng.nextInt(3) == 0;
        int slots = waiting ? 1 : 1 + rng.nextInt(Math.min(flavor.capacity(), 8));
        int use = rng.nextInt(slots + 1);
        use = Math.min(use, quota() - outcomes.issued());
        if (failer && !failed) {
            use = Math.min(use, shared.plan.failAt() - outcomes.issued());
        }
        Permit<Long> permit;
        try {
            if (waiting) {
                stats.add(Count.RESERVE);
                permit = mine.reserve();
            } else {
                stats.add(Count.TRY_RESERVE);
                permit = mine.tryReserve(slots);
                if (permit == null) {
                    stats.add(Count.TRY_RESERVE_FULL);
                    return true;
                }
            }
        } catch (InterruptedException e) {
            stats.add(Count.RESERVE_INTERRUPTED);
            return true;
        } catch (ChannelClosedException e) {
            return closed(e, waiting ? "reserve()" : "tryReserve(" + slots + ")");
        }
        try (Permit<Long> p = permit) {
            if (p.remaining() != slots) {
                throw new AssertionError("a permit for " + slots + " slot(s) has " + p.remaining());
            }
            for (int i = 0; i < use; i++) {
                progressed();
                int seq = outcomes.next(Count.PERMIT_SEND_OK);
                try {
                    p.send(tag(seq));
                    outcomes.accepted(seq);
                    stats.add(Count.PERMIT_SEND_OK);
                } catch (ChannelClosedException e) {
                    return closed(e, "permit.send");
                }
            }
            stats.add(Count.PERMIT_SLOTS_RELEASED, p.remaining());
        }
        return true;
    }

    /**
     * Feeds up to {@code count} elements through a sender subscribed to an upstream that this thread
     * drives: it emits only what the sender requested, parking while there is no demand. A single
     * producer subscribes its one handle (so this is its last run); others subscribe a clone.
     */
    private boolean upstreamSegment(int count) {
        stats.add(Count.UPSTREAM_SEGMENTS);
        Sender<Long> feed = flavor.singleProducer() ? mine : mine.clone();
        if (feed == mine) {
            mine = null; // the upstream owns it now: its onComplete/onError closes it
        }
        Upstream up = new Upstream(Thread.currentThread());
        Segment segment = outcomes.segment(count, flavor.isRendezvous());
        feed.onSubscribe(up);
        boolean errored = false;
        int emitted = 0;
        while (emitted < count && !up.cancelled) {
            checkAborted();
            if (failDue()) {
                shared.windowStart = shared.tick();
                feed.onError(shared.cause);
                failed = true;
                errored = true;
                stats.add(Count.FAILS);
                break;
            }
            if (emitted < up.requested.get()) {
                progressed();
                maybeSlow();
                int seq = outcomes.next(Count.UPSTREAM_OK);
                segment.startTicks[emitted] = shared.tick();
                feed.onNext(tag(seq));
                segment.endTicks[emitted] = shared.tick();
                segment.delivered = ++emitted;
                stats.add(Count.UPSTREAM_OK); // delivered; the ledger decides what was accepted
            } else {
                LockSupport.park(up); // request() and cancel() unpark; anything else just loops
                Thread.interrupted(); // the monkey's interrupt: nothing to undo here
            }
        }
        if (up.badRequest != 0) {
            throw new AssertionError("the sender requested " + up.badRequest + " from its upstream (§3.9)");
        }
        if (errored) {
            await(feed::isHandleClosed); // on a rendezvous channel, after the last hand-off
            shared.windowEnd = shared.tick();
            segment.closedTick = shared.windowEnd;
            return false;
        }
        if (up.cancelled) {
            // The sender cancels only when the channel closed; it closes its handle then, unless it
            // refused the subscription outright (closed already), so close it to be sure.
            stats.add(Count.UPSTREAM_CANCELLED);
            if (shared.plan.ending() == Ending.CLOSE) {
                throw new AssertionError("the sender cancelled its upstream though the channel stays open");
            }
            feed.close();
            segment.closedTick = shared.tick();
            return false;
        }
        feed.onComplete();
        await(feed::isHandleClosed); // on a rendezvous channel, after the last hand-off
        segment.closedTick = shared.tick();
        return true;
    }

    /** The subscription an upstream segment hands to the sender: it records demand and cancel. */
    private static final class Upstream implements Subscription {
        final AtomicLong requested = new AtomicLong();
        final Thread emitter;
        volatile boolean cancelled;
        volatile long badRequest;

        Upstream(Thread emitter) {
            this.emitter = emitter;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                badRequest = n; // not thrown: it would land in the sender's drain loop
                return;
            }
            requested.accumulateAndGet(n, (r, add) -> r + add < 0 ? Long.MAX_VALUE : r + add);
            LockSupport.unpark(emitter);
        }

        @Override
        public void cancel() {
            cancelled = true;
            LockSupport.unpark(emitter);
        }
    }
}
