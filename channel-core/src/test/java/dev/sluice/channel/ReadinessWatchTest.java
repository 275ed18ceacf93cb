package dev.sluice.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.channel.testing.Flavors;
import dev.sluice.channel.testing.Flavors.Flavor;
import dev.sluice.channel.testing.TestThreads;
import dev.sluice.channel.testing.TestThreads.Worker;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * S8: a {@link ReadinessWatch} fires once per arm, when the operation may succeed or the channel
 * closes, and can be armed again and again; a closed watch never fires.
 */
class ReadinessWatchTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.BUFFERED)
    void aReceiveWatchFiresOncePerArmWhenAnElementArrives(Flavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        AtomicInteger fired = new AtomicInteger();
        try (ReadinessWatch watch = ch.receiver().watchReceivable(fired::incrementAndGet)) {
            for (int round = 1; round <= 100; round++) {
                assertThat(ch.receiver().tryRecv()).isNull();
                watch.arm();
                watch.arm(); // arming an armed watch does nothing
                assertThat(fired).as("round %d, before the send", round).hasValue(round - 1);
                ch.sender().send(round);
                assertThat(fired).as("round %d, after the send", round).hasValue(round);
                if (ch.capacity() >= 2) {
                    ch.sender().send(-round); // not armed: no callback
                    assertThat(fired).hasValue(round);
                }
                assertThat(ch.receiver().tryRecv()).isEqualTo(round);
                if (ch.capacity() >= 2) {
                    assertThat(ch.receiver().tryRecv()).isEqualTo(-round);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.ALL)
    void anArmedWatchFiresOnceWhenTheChannelCloses(Flavor flavor) {
        Channel<Integer> ch = flavor.create();
        boolean canBeFull = !flavor.isUnbounded();
        if (canBeFull) {
            TestChannels.fill(ch.sender(), flavor); // nothing fits now (rendezvous: nobody receives)
        }
        AtomicInteger receivable = new AtomicInteger();
        AtomicInteger sendable = new AtomicInteger();
        ReadinessWatch rx = ch.receiver().watchReceivable(receivable::incrementAndGet);
        ReadinessWatch tx = ch.sender().watchSendable(sendable::incrementAndGet);
        if (flavor.isRendezvous() || flavor.isUnbounded()) {
            rx.arm(); // empty: a receive would wait
        }
        if (canBeFull) {
            tx.arm(); // full: a send would wait
        }
        assertThat(receivable).hasValue(0);
        assertThat(sendable).hasValue(0);

        ch.sender().fail(new IllegalStateException("closed"));

        assertThat(receivable)
                .as("an armed receive watch sees the close")
                .hasValue(flavor.isRendezvous() || flavor.isUnbounded() ? 1 : 0);
        assertThat(sendable).as("an armed send watch sees the close").hasValue(canBeFull ? 1 : 0);
        rx.close();
        tx.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.BOUNDED)
    void aSendWatchFiresWhenAReceiveFreesASlot(Flavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        TestChannels.fill(ch.sender(), flavor);
        AtomicInteger fired = new AtomicInteger();
        ReadinessWatch watch = ch.sender().watchSendable(fired::incrementAndGet);
        assertThat(ch.sender().trySend(99)).isEqualTo(SendStatus.FULL);
        watch.arm();
        assertThat(fired).hasValue(0);
        ch.receiver().recv();
        assertThat(fired).hasValue(1);
        assertThat(ch.sender().trySend(99)).isEqualTo(SendStatus.SENT);
        watch.close();
        watch.arm(); // a closed watch stays closed
        assertThat(ch.sender().trySend(100)).isEqualTo(SendStatus.FULL);
        ch.receiver().recv();
        assertThat(fired).as("a closed watch never fires, even armed again").hasValue(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Flavors.BUFFERED)
    void aClosedWatchNeverFires(Flavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        AtomicInteger fired = new AtomicInteger();
        ReadinessWatch watch = ch.receiver().watchReceivable(fired::incrementAndGet);
        watch.arm();
        watch.close();
        watch.close();
        ch.sender().send(1);
        assertThat(fired).hasValue(0);
    }

    /** Rendezvous: a receive watch fires when a sender starts waiting, and tryRecv then takes it. */
    @org.junit.jupiter.api.Test
    void aRendezvousReceiveWatchFiresForAWaitingSender() throws Exception {
        Channel<Integer> ch = Channel.rendezvous();
        java.util.concurrent.CountDownLatch fired = new java.util.concurrent.CountDownLatch(1);
        ReadinessWatch watch = ch.receiver().watchReceivable(fired::countDown);
        assertThat(ch.receiver().tryRecv()).isNull();
        watch.arm();
        Worker<Void> sender = TestThreads.run("sender", () -> ch.sender().send(5));
        assertThat(TestThreads.await(fired)).isTrue();
        Integer got = null;
        while (got == null) { // the sender queues itself just before it wakes the watch
            got = ch.receiver().tryRecv();
        }
        assertThat(got).isEqualTo(5);
        sender.join();
        watch.close();
    }
}
