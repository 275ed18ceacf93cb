package dev.sluice.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.channel.Channel;
import dev.sluice.channel.Sender;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * B5 from the other side: BlockHound, installed with Reactor's own integration, accepts every path
 * the bridge runs on a non-blocking thread — the fused view polled by {@code publishOn} while
 * blocking producers contend for the channel, a feed whose upstream emits on a parallel thread, and
 * the non-blocking {@code trySend}/{@code tryRecv} on one. It runs in its own JVM (the surefire
 * execution {@code blockhound}), since BlockHound instruments the JDK for the whole process.
 */
@Timeout(120)
class BlockHoundTest {
    private static final int ROUNDS = 20;

    @BeforeAll
    static void install() {
        BlockHound.install();
    }

    /** The check can fail: a real blocking call on a parallel thread is caught. */
    @Test
    void blockHoundIsInstalledAndCatchesABlockingCall() {
        StepVerifier.create(Mono.fromCallable(() -> {
                            Thread.sleep(1);
                            return 1;
                        })
                        .subscribeOn(Schedulers.parallel()))
                .expectError(BlockingOperationError.class)
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void theFusedViewPolledOnParallelThreadsNeverBlocks() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            int producers = 4;
            int each = 20_000;
            Channel<Long> ch = Channel.bounded(round % 2 == 0 ? 16 : 1024);
            List<Thread> threads = startProducers(ch.sender(), producers, each);
            AtomicLong[] next = perProducerCounters(producers);
            StepVerifier.create(ChannelFlux.from(ch.receiver())
                            .publishOn(Schedulers.parallel(), 256)
                            .map(v -> checkOrder(next, v)))
                    .expectNextCount((long) producers * each)
                    .expectComplete()
                    .verify(Duration.ofSeconds(60));
            for (Thread t : threads) {
                t.join();
            }
            for (AtomicLong n : next) {
                assertThat(n.get()).isEqualTo(each);
            }
        }
    }

    @Test
    void aFeedFromParallelThreadsNeverBlocks() throws Exception {
        Scheduler single = Schedulers.newSingle("feed-consumer");
        try {
            for (int round = 0; round < ROUNDS; round++) {
                int count = 50_000;
                Channel<Integer> ch = Channel.bounded(round % 2 == 0 ? 8 : 512);
                Mono<Void> fed =
                        ChannelFlux.feed(Flux.range(0, count).publishOn(Schedulers.parallel(), 64), ch.sender());
                // the consumer drains the channel through the fused view, itself on a non-blocking thread
                Mono<Long> drained =
                        ChannelFlux.from(ch.receiver()).publishOn(single).reduce(0L, (sum, v) -> sum + v);
                Mono<Long> both = Mono.zip(fed.then(Mono.just(0L)), drained, (ignored, sum) -> sum);
                StepVerifier.create(both)
                        .expectNext((long) count * (count - 1) / 2)
                        .expectComplete()
                        .verify(Duration.ofSeconds(60));
            }
        } finally {
            single.dispose();
        }
    }

    @Test
    void tryCallsOnAParallelThreadNeverBlock() {
        Channel<Integer> ch = Channel.bounded(4);
        Mono<Integer> tries = Mono.fromCallable(() -> {
                    int moved = 0;
                    for (int i = 0; i < 10_000; i++) {
                        if (ch.sender().trySend(i) == dev.sluice.channel.SendStatus.SENT) {
                            moved++;
                        }
                        if (ch.receiver().tryRecv() != null) {
                            moved++;
                        }
                    }
                    return moved;
                })
                .subscribeOn(Schedulers.parallel());
        StepVerifier.create(tries).expectNext(20_000).expectComplete().verify(Duration.ofSeconds(30));
    }

    private static List<Thread> startProducers(Sender<Long> tx, int producers, int each) {
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            Sender<Long> mine = tx.clone();
            long id = p;
            Thread t = new Thread(
                    () -> {
                        try (mine) {
                            for (long i = 0; i < each; i++) {
                                mine.send(id << 32 | i);
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    },
                    "blocking-producer-" + p);
            t.start();
            threads.add(t);
        }
        tx.close(); // the clones hold the channel open until every producer returns
        return threads;
    }

    private static AtomicLong[] perProducerCounters(int producers) {
        AtomicLong[] next = new AtomicLong[producers];
        for (int p = 0; p < producers; p++) {
            next[p] = new AtomicLong();
        }
        return next;
    }

    /** Each producer's elements arrive in its order, each exactly once. */
    private static long checkOrder(AtomicLong[] next, long v) {
        int producer = (int) (v >>> 32);
        long seq = v & 0xFFFF_FFFFL;
        long expected = next[producer].getAndIncrement();
        if (seq != expected) {
            throw new AssertionError("producer " + producer + ": got " + seq + ", expected " + expected);
        }
        return v;
    }
}
