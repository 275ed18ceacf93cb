package dev.sluice.channel.chaos;

import dev.sluice.channel.ChannelClosedException;
import dev.sluice.channel.Receiver;
import dev.sluice.channel.chaos.ChaosLedger.ReceiveLog;
import dev.sluice.channel.chaos.ChaosPlan.Ending;
import dev.sluice.channel.chaos.ChaosStats.Count;
import dev.sluice.channel.testing.Flavors.Flavor;
import dev.sluice.channel.testing.Tally;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * A chaos consumer: receives in runs, each through one API drawn from this consumer's own mix:
 * {@code recv}, {@code tryRecv} (with a few retries), {@code recv} with a random timeout, batches of
 * {@code recvAsync} (some cancelled, some given an {@code orTimeout}), the iterator, {@code
 * stream()}, a Reactive Streams subscription ({@link ChaosSubscriber}: random requests, slow at
 * random, cancelled at random), or swapping its handle for a clone. Everything received goes to its
 * {@link ReceiveLog} in the order it was taken.
 *
 * <p>Consumer 0 (and the only consumer of a single-consumer flavor) stays until the channel is
 * closed and drained, so whatever was accepted is received by someone: nothing is ever discarded
 * for want of a receiver. The others may quit early. In a RECEIVERS_LEAVE round every consumer
 * leaves once {@link ChaosPlan#leaveAt} elements were received in all.
 */
final class ChaosConsumer extends ChaosWorker {

    /** The APIs a run can use, in the order of {@link #weights}. */
    enum Api {
        RECV(Count.RECV_OK),
        TRY_RECV(Count.TRY_RECV_OK),
        TIMED_RECV(Count.TIMED_RECV_OK),
        RECV_ASYNC(Count.RECV_ASYNC_OK),
        ITERATOR(Count.ITERATOR_OK),
        STREAM(Count.STREAM_OK),
        SUBSCRIBE(Count.SUBSCRIBER_OK),
        SWAP_HANDLE(null);

        /** The counter of elements received through this API. */
        final Count counted;

        Api(Count counted) {
            this.counted = counted;
        }
    }

    private final Flavor flavor;
    private final List<ChaosConsumer> all;
    private final ApiMix<Api> mix;
    /** Single consumer: after how many runs it subscribes its one handle for the rest of the round. */
    private final int subscribeFrom;
    /** One quit roll in this many ends the consumer early (0: never; consumer 0 never quits). */
    private final int quitOneIn;

    final ReceiveLog log;
    /** How many elements this consumer received; read by consumer 0 to decide when everyone leaves. */
    volatile long received;

    private Receiver<Long> mine;
    /** The tick after this consumer's last handle closed. */
    volatile long closedTick;

    ChaosConsumer(Shared shared, int id, Receiver<Long> handle, List<ChaosConsumer> all) {
        super(shared, id, shared.plan.consumerSeeds()[id]);
        this.flavor = shared.plan.variant().flavor();
        this.all = all;
        this.mine = handle;
        this.log = new ReceiveLog(shared.plan.producers());
        this.mix = new ApiMix<>(Api.values(), this::applicable, rng);
        // A single consumer's subscription takes its one handle for good, so that is its last run.
        this.subscribeFrom =
                shared.plan.singleSideSubscribes() && flavor.singleConsumer() ? rng.nextInt(20) : Integer.MAX_VALUE;
        int q = rng.nextInt(4);
        this.quitOneIn = stays() || q == 0 ? 0 : 50 << (2 * q);
    }

    private boolean applicable(Api api) {
        // The one receiver of a single-consumer flavor cannot be cloned (see subscribeFrom).
        return !(flavor.singleConsumer() && (api == Api.SWAP_HANDLE || api == Api.SUBSCRIBE));
    }

    /** Whether this consumer stays until the channel is drained. */
    private boolean stays() {
        return id == 0;
    }

    /** Receives until the channel is drained (or it quits, or leaves); closes its handle. */
    ReceiveLog run() throws Exception {
        try {
            consume();
        } finally {
            if (mine != null) {
                mine.close();
            }
            closedTick = shared.tick();
        }
        return log;
    }

    private void consume() throws Exception {
        for (int runs = 0; ; ) {
            checkAborted();
            progressed();
            if (mustLeave()) {
                return;
            }
            boolean quit = quitOneIn != 0 && rng.nextInt(quitOneIn) == 0;
            if (quit) {
                stats.add(Count.CONSUMER_QUITS);
                return;
            }
            if (runs++ >= subscribeFrom) {
                stats.ran(Count.SUBSCRIBER_OK);
                subscription(0);
                return;
            }
            Api api = mix.pick(rng);
            int run = 1 + rng.nextInt(api == Api.RECV_ASYNC ? 8 : api == Api.SUBSCRIBE ? 8 : 64);
            if (api != Api.SWAP_HANDLE) {
                stats.ran(api.counted);
            }
            boolean live;
            switch (api) {
                case RECV:
                    live = recvRun(run);
                    break;
                case TRY_RECV:
                    live = tryRecvRun(run);
                    break;
                case TIMED_RECV:
                    live = timedRecvRun(run);
                    break;
                case RECV_ASYNC:
                    live = recvAsyncRun(run);
                    break;
                case ITERATOR:
                    live = iteratorRun(run);
                    break;
                case STREAM:
                    live = streamRun(run);
                    break;
                case SUBSCRIBE:
                    live = subscription(run);
                    break;
                case SWAP_HANDLE:
                    Receiver<Long> next = mine.clone();
                    mine.close();
                    mine = next;
                    stats.add(Count.RECEIVER_SWAPS);
                    live = true;
                    break;
                default:
                    throw new AssertionError(api);
            }
            if (!live) {
                return; // closed and drained
            }
        }
    }

    /**
     * In a RECEIVERS_LEAVE round: whether this consumer must leave now. Consumer 0 raises the flag
     * once enough elements were received in all, recording when.
     */
    private boolean mustLeave() {
        if (shared.plan.ending() != Ending.RECEIVERS_LEAVE) {
            return false;
        }
        if (!shared.leave && id == 0) {
            long total = 0;
            for (ChaosConsumer c : all) {
                total += c.received;
            }
            if (total >= shared.plan.leaveAt()) {
                shared.windowStart = shared.tick();
                shared.leave = true;
            }
        }
        return shared.leave;
    }

    private void took(Long element, Count api) {
        log.add(element, api);
        received = received + 1; // one writer at a time (this thread, or its subscription)
        stats.add(api);
    }

    /** The channel is closed and drained: checks how, and ends this consumer. */
    private boolean drained(ChannelClosedException e, String api) {
        shared.checkClosed(e, "consumer " + id + " " + api);
        return false;
    }

    private boolean recvRun(int run) {
        for (int i = 0; i < run && !mustLeave(); i++) {
            progressed();
            maybeSlow();
            try {
                took(mine.recv(), Count.RECV_OK);
            } catch (InterruptedException e) {
                stats.add(Count.RECV_INTERRUPTED);
            } catch (ChannelClosedException e) {
                return drained(e, "recv");
            }
        }
        return true;
    }

    private boolean tryRecvRun(int run) {
        for (int i = 0; i < run && !mustLeave(); i++) {
            progressed();
            maybeSlow();
            int retries = rng.nextInt(32);
            try {
                Long e = null;
                for (int attempt = 0; attempt <= retries && e == null; attempt++) {
                    e = mine.tryRecv();
                    if (e == null) {
                        Thread.onSpinWait();
                    }
                }
                if (e != null) {
                    took(e, Count.TRY_RECV_OK);
                } else {
                    stats.add(Count.RECV_EMPTY);
                }
            } catch (ChannelClosedException e) {
                return drained(e, "tryRecv");
            }
        }
        return true;
    }

    private boolean timedRecvRun(int run) {
        for (int i = 0; i < run && !mustLeave(); i++) {
            progressed();
            maybeSlow();
            Duration timeout = timeout();
            try {
                Long e = mine.recv(timeout);
                if (e != null) {
                    took(e, Count.TIMED_RECV_OK);
                } else {
                    stats.add(Count.RECV_TIMED_OUT);
                }
            } catch (InterruptedException e) {
                stats.add(Count.RECV_INTERRUPTED);
            } catch (ChannelClosedException e) {
                return drained(e, "recv(timeout)");
            }
        }
        return true;
    }

    /** Asks for up to {@code run} elements at once through this handle, then waits for every outcome. */
    private boolean recvAsyncRun(int run) {
        Fate[] fates = new Fate[run];
        List<CompletableFuture<Long>> futures = new ArrayList<>(run);
        for (int i = 0; i < run; i++) {
            fates[i] = fate();
            int parameter = fateParameter();
            futures.add(mine.recvAsync().toCompletableFuture());
            apply(futures.get(i), fates[i], parameter);
        }
        boolean live = true;
        // Stages of one handle complete in the order they were asked for: record in that order.
        for (int i = 0; i < run; i++) {
            progressed();
            Outcome<Long> o = outcome(futures.get(i));
            if (o.succeeded()) {
                took(o.value, Count.RECV_ASYNC_OK);
            } else if (o.withdrawn()) {
                if (fates[i] == Fate.WAIT) {
                    throw unexpected("recvAsync (neither cancelled nor timed)", o.failure);
                }
                stats.add(fates[i] == Fate.CANCEL ? Count.RECV_ASYNC_CANCELLED : Count.RECV_ASYNC_TIMED_OUT);
            } else if (o.failure instanceof ChannelClosedException) {
                live = drained((ChannelClosedException) o.failure, "recvAsync");
            } else {
                throw unexpected("recvAsync", o.failure);
            }
        }
        return live;
    }

    private boolean iteratorRun(int run) {
        Iterator<Long> it = mine.iterator();
        for (int i = 0; i < run && !mustLeave(); i++) {
            progressed();
            maybeSlow();
            try {
                if (!it.hasNext()) {
                    if (shared.plan.ending() == Ending.FAIL) {
                        throw new AssertionError("iteration ended normally on a failed channel");
                    }
                    return false;
                }
                took(it.next(), Count.ITERATOR_OK);
            } catch (ChannelClosedException e) {
                if (e.getCause() instanceof InterruptedException) {
                    Thread.interrupted(); // iteration ends on an interrupt, with nothing taken
                    stats.add(Count.RECV_INTERRUPTED);
                    return true;
                }
                return drained(e, "iterator");
            }
        }
        return true;
    }

    private boolean streamRun(int run) {
        int before = log.size();
        try {
            mine.stream().limit(run).forEach(e -> took(e, Count.STREAM_OK));
        } catch (ChannelClosedException e) {
            if (e.getCause() instanceof InterruptedException) {
                Thread.interrupted();
                stats.add(Count.RECV_INTERRUPTED);
                return true;
            }
            return drained(e, "stream()");
        }
        if (log.size() - before < run) {
            // The stream ended early: the channel is closed and drained (a plain close).
            if (shared.plan.ending() == Ending.FAIL) {
                throw new AssertionError("stream() ended normally on a failed channel");
            }
            return false;
        }
        return true;
    }

    /**
     * Receives through a Reactive Streams subscription for up to {@code batches} requests, then
     * cancels it. A multi-consumer flavor subscribes a clone (the subscription owns the handle it is
     * given, and this consumer keeps its own); a single consumer subscribes its one handle and keeps
     * the subscription to the end, since cancelling it would leave no receiver.
     */
    private boolean subscription(int batches) {
        stats.add(Count.SUBSCRIPTIONS);
        boolean forever = flavor.singleConsumer();
        Receiver<Long> handle = forever ? mine : mine.clone();
        if (forever) {
            mine = null; // the subscription owns it now
        }
        ChaosSubscriber s = new ChaosSubscriber(rng.split());
        handle.subscribe(s);
        if (!s.subscribed) {
            throw new AssertionError("subscribe did not call onSubscribe synchronously");
        }
        for (int b = 0; forever || b < batches; b++) {
            progressed();
            long n = rng.nextInt(16) == 0 ? 64 + rng.nextInt(1024) : 1 + rng.nextInt(32);
            boolean cancelEarly = !forever && rng.nextInt(16) == 0;
            s.request(n);
            if (cancelEarly) {
                break; // cancel while elements are being delivered
            }
            s.awaitDelivered();
            if (s.terminated) {
                return s.ended();
            }
            if (mustLeave()) {
                break;
            }
        }
        s.cancel();
        stats.add(Count.SUBSCRIPTION_CANCELS);
        await(handle::isHandleClosed); // the subscription closes its handle after its last onNext
        if (s.terminated) {
            return s.ended(); // it ended just before the cancel
        }
        stats.add(Count.SUBSCRIBER_OK, s.deliveredHere);
        s.checkRules();
        return true;
    }

    /**
     * A subscriber that records into this consumer's log: requests come from the consumer's thread
     * and, at random, from inside {@code onNext}; {@code onNext} is slow at random. It checks the
     * rules a publisher owes it as signals arrive: §1.1 (no more than requested), §1.3 (signals
     * never overlap) and §1.7 (nothing after a terminal signal).
     */
    private final class ChaosSubscriber implements Subscriber<Long> {
        private final SplittableRandom onNextRng; // used in onNext only, which is serial
        private final AtomicLong requested = new AtomicLong();
        private final AtomicInteger inSignal = new AtomicInteger();
        private final Thread owner = Thread.currentThread();
        private final Queue<String> violations = new ConcurrentLinkedQueue<>();
        private volatile Subscription subscription;
        private volatile boolean subscribed;
        private volatile long delivered;
        private volatile boolean terminated;
        private volatile Throwable error;
        private long deliveredHere;

        ChaosSubscriber(SplittableRandom onNextRng) {
            this.onNextRng = onNextRng;
        }

        @Override
        public void onSubscribe(Subscription s) {
            enter("onSubscribe");
            subscription = s;
            subscribed = true;
            exit();
        }

        @Override
        public void onNext(Long element) {
            enter("onNext");
            if (terminated) {
                violation("onNext(" + Tally.describe(element) + ") after a terminal signal (§1.7)");
            }
            long n = delivered + 1;
            if (n > requested.get()) {
                violation("onNext #" + n + " beyond the " + requested.get() + " requested (§1.1)");
            }
            log.add(element, Count.SUBSCRIBER_OK);
            received = received + 1;
            deliveredHere++; // added to the stats when the subscription ends: other threads run this
            int r = onNextRng.nextInt(64);
            if (r == 0) {
                request(1 + onNextRng.nextInt(4)); // more demand from inside onNext (§3.3: no recursion)
            }
            slowness(onNextRng);
            delivered = n;
            if (n >= requested.get()) {
                LockSupport.unpark(owner);
            }
            exit();
        }

        @Override
        public void onError(Throwable t) {
            enter("onError");
            if (terminated) {
                violation("onError after a terminal signal (§1.7)");
            }
            error = t;
            terminated = true;
            LockSupport.unpark(owner);
            exit();
        }

        @Override
        public void onComplete() {
            enter("onComplete");
            if (terminated) {
                violation("onComplete after a terminal signal (§1.7)");
            }
            terminated = true;
            LockSupport.unpark(owner);
            exit();
        }

        void request(long n) {
            requested.accumulateAndGet(n, (r, add) -> r + add < 0 ? Long.MAX_VALUE : r + add);
            subscription.request(n);
        }

        void cancel() {
            subscription.cancel();
        }

        /** Parks until everything requested so far arrived, the subscription ended, or it is time to leave. */
        void awaitDelivered() {
            while (delivered < requested.get() && !terminated) {
                if (shared.plan.ending() == Ending.RECEIVERS_LEAVE && mustLeave()) {
                    return;
                }
                LockSupport.parkNanos(
                        this, 1_000_000L); // onNext/onComplete/onError unpark; the bound re-polls the leave flag
                Thread.interrupted();
                checkAborted();
            }
        }

        /** The subscription ended with a terminal signal: checks it, and ends this consumer. */
        boolean ended() {
            checkRules();
            stats.add(Count.SUBSCRIBER_OK, deliveredHere);
            Ending ending = shared.plan.ending();
            if (error != null) {
                if (ending != Ending.FAIL || error != shared.cause) {
                    throw new AssertionError(
                            "consumer " + id + "'s subscriber got onError(" + error + ") in a round ending " + ending,
                            error);
                }
            } else if (ending == Ending.FAIL) {
                throw new AssertionError("consumer " + id + "'s subscriber completed normally on a failed channel");
            }
            return false;
        }

        void checkRules() {
            if (!violations.isEmpty()) {
                throw new AssertionError("consumer " + id + "'s subscriber saw broken rules: " + violations);
            }
        }

        private void enter(String signal) {
            if (inSignal.incrementAndGet() != 1) {
                violation(signal + " overlaps another signal (§1.3)");
            }
        }

        private void exit() {
            inSignal.decrementAndGet();
        }

        private void violation(String what) {
            violations.add(what);
        }
    }
}
