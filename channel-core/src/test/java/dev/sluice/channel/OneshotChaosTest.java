package dev.sluice.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.channel.Oneshot.OneshotReceiver;
import dev.sluice.channel.Oneshot.OneshotSender;
import dev.sluice.channel.testing.ChaosSeed;
import dev.sluice.channel.testing.TestThreads;
import dev.sluice.channel.testing.TestThreads.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Randomized rounds of a {@link Oneshot} (S16): one sender thread sends, fails or closes; two or three
 * receiver threads race it with every way of receiving (blocking awaits with and without timeouts,
 * tries, stages completed from outside, selects with a timeout, a subscriber) and sometimes close the
 * receiving end. After each round: the value was received at most once; a send that reported
 * {@code true} was received or is still there to receive (unless the receiver was closed), one that
 * reported {@code false} found the receiver closed and was received by nobody; a failure reached
 * everyone who saw an end with its cause. The seed is printed; replay with {@code -Dsluice.chaos.seed}.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class OneshotChaosTest {
    private static final int ROUNDS = Integer.getInteger("sluice.chaos.oneshotRounds", 3000);
    private static final IllegalStateException CAUSE = new IllegalStateException("the reply failed");

    /** What one receiver action saw. */
    enum Seen {
        VALUE,
        NOTHING, // timed out, tried too early, withdrawn, or closed its own end
        ENDED, // the oneshot ended without a value (closed, or the value was taken by another)
        FAILED // ended with CAUSE
    }

    @Test
    void randomRoundsReceiveTheValueAtMostOnceAndLoseNothing() throws Exception {
        long seed = ChaosSeed.of("oneshot-chaos");
        SplittableRandom rng = new SplittableRandom(seed);
        int delivered = 0;
        for (int round = 0; round < ROUNDS; round++) {
            delivered += round(rng.split(), round, "round " + round + " of seed " + seed);
        }
        System.out.println("[oneshot-chaos] " + ROUNDS + " rounds, " + delivered + " values received");
        assertThat(delivered).isPositive();
    }

    /** @return 1 if a receiver got the value */
    private static int round(SplittableRandom rng, int value, String context) throws Exception {
        Oneshot<Integer> o = Oneshot.create();
        OneshotSender<Integer> tx = o.sender();
        OneshotReceiver<Integer> rx = o.receiver();
        int receivers = 2 + rng.nextInt(2);
        CyclicBarrier start = new CyclicBarrier(receivers + 1);
        int senderAction = rng.nextInt(3); // 0 send, 1 fail, 2 close
        Worker<Boolean> sending = TestThreads.call("sender", () -> {
            start.await();
            switch (senderAction) {
                case 0:
                    return tx.send(value);
                case 1:
                    return tx.fail(CAUSE);
                default:
                    tx.close();
                    return false;
            }
        });
        java.util.concurrent.atomic.AtomicInteger subscriberValues = new java.util.concurrent.atomic.AtomicInteger();
        List<Worker<Seen>> receiving = new ArrayList<>();
        boolean[] closesReceiver = new boolean[receivers];
        for (int r = 0; r < receivers; r++) {
            int action = rng.nextInt(7);
            closesReceiver[r] = action == 6;
            receiving.add(TestThreads.call("receiver " + r, () -> {
                start.await();
                return receive(rx, action, value, subscriberValues);
            }));
        }
        boolean sentOrFailed = sending.join();
        List<Seen> seen = new ArrayList<>();
        for (Worker<Seen> w : receiving) {
            seen.add(w.join());
        }
        long values = seen.stream().filter(s -> s == Seen.VALUE).count() + subscriberValues.get();
        boolean receiverClosed = tx.isClosed();
        assertThat(values)
                .as("%s: the value received at most once, seen %s", context, seen)
                .isLessThanOrEqualTo(1);
        if (senderAction != 0) {
            assertThat(values).as("%s: no value was sent", context).isZero();
        }
        if (senderAction != 1) {
            assertThat(seen).as("%s: no failure was sent", context).doesNotContain(Seen.FAILED);
        }
        if (senderAction == 0 && !sentOrFailed) {
            assertThat(receiverClosed)
                    .as("%s: a send refused only by a closed receiver", context)
                    .isTrue();
            assertThat(values).as("%s: a refused value reaches nobody", context).isZero();
        }
        if (senderAction == 0 && sentOrFailed && values == 0 && !receiverClosed) {
            // nothing is lost: the value is still there for the next receive
            assertThat(rx.tryReceive())
                    .as("%s: an accepted value is still there", context)
                    .isEqualTo(value);
        }
        if (!receiverClosed) {
            assertThat(closesReceiver)
                    .as("%s: only a receiver action closes the end", context)
                    .doesNotContain(true);
        }
        return (int) values;
    }

    private static Seen receive(
            OneshotReceiver<Integer> rx,
            int action,
            int value,
            java.util.concurrent.atomic.AtomicInteger subscriberValues)
            throws Exception {
        try {
            Integer got;
            switch (action) {
                case 0:
                    got = rx.await(Duration.ofMillis(50));
                    break;
                case 1:
                    got = rx.await(Duration.ZERO);
                    break;
                case 2:
                    got = rx.tryReceive();
                    break;
                case 3: {
                    CompletableFuture<Integer> stage = rx.toStage().toCompletableFuture();
                    if (value % 2 == 0 && stage.completeExceptionally(new TimeoutException("from outside"))) {
                        return Seen.NOTHING; // withdrawn first: a value left for someone else
                    }
                    try {
                        got = stage.get(50, TimeUnit.MILLISECONDS);
                    } catch (TimeoutException notYet) {
                        // completed from outside now: a value that comes is left for someone else
                        return stage.completeExceptionally(notYet) ? Seen.NOTHING : stageOutcome(stage);
                    } catch (ExecutionException e) {
                        throw unwrap(e);
                    }
                    break;
                }
                case 4: {
                    Channel<Integer> never = Channel.bounded(1);
                    Selected s = Select.create()
                            .receive(never.receiver())
                            .receive(rx)
                            .select(Duration.ofMillis(50));
                    if (s == null) {
                        return Seen.NOTHING;
                    }
                    ChannelClosedException closed = s.closed();
                    if (closed != null) {
                        throw closed;
                    }
                    got = s.value();
                    break;
                }
                case 5: {
                    // Its onNext may come after this action gave up waiting (inside the sender's send,
                    // which the round joins): it is counted where it happens, not by the return value.
                    CompletableFuture<Boolean> ended = new CompletableFuture<>();
                    rx.subscribe(new org.reactivestreams.Subscriber<Integer>() {
                        @Override
                        public void onSubscribe(org.reactivestreams.Subscription s) {
                            s.request(1);
                        }

                        @Override
                        public void onNext(Integer v) {
                            assertThat(v).isEqualTo(value);
                            subscriberValues.incrementAndGet();
                        }

                        @Override
                        public void onError(Throwable t) {
                            ended.complete(t == CAUSE);
                        }

                        @Override
                        public void onComplete() {
                            ended.complete(false);
                        }
                    });
                    try {
                        return ended.get(50, TimeUnit.MILLISECONDS) ? Seen.FAILED : Seen.NOTHING;
                    } catch (TimeoutException notYet) {
                        return Seen.NOTHING;
                    }
                }
                default:
                    rx.close();
                    return Seen.NOTHING;
            }
            if (got == null) {
                return Seen.NOTHING;
            }
            assertThat(got).isEqualTo(value);
            return Seen.VALUE;
        } catch (ChannelClosedException ended) {
            return ended.getCause() == CAUSE ? Seen.FAILED : Seen.ENDED;
        } catch (IllegalStateException closedEnd) {
            if (closedEnd.getMessage() != null && closedEnd.getMessage().contains("closed")) {
                return Seen.NOTHING; // another receiver action closed the end
            }
            if (closedEnd.getMessage() != null && closedEnd.getMessage().contains("subscriber")) {
                return Seen.NOTHING; // a second subscriber of this round's receiver
            }
            throw closedEnd;
        }
    }

    /** The outcome of a stage that completed before an outside completion could withdraw it. */
    private static Seen stageOutcome(CompletableFuture<Integer> stage) throws Exception {
        try {
            return stage.get() != null ? Seen.VALUE : Seen.NOTHING;
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof ChannelClosedException) {
                return c.getCause() == CAUSE ? Seen.FAILED : Seen.ENDED;
            }
            if (c instanceof TimeoutException || c instanceof IllegalStateException) {
                return Seen.NOTHING;
            }
            throw e;
        }
    }

    private static Exception unwrap(ExecutionException e) {
        Throwable c = e.getCause();
        return c instanceof Exception ? (Exception) c : e;
    }
}
