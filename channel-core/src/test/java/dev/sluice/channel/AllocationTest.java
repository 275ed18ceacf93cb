package dev.sluice.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.reflect.Method;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * S12: once warm, sending and receiving a preallocated element through a bounded channel allocates
 * nothing. Measured with the JVM's per-thread allocation counter, so a regression that allocates
 * even one object per operation fails.
 */
class AllocationTest {
    private static final int OPS = 200_000;

    static Stream<Arguments> boundedFlavors() {
        return Stream.of(
                Arguments.of("bounded(1024)", (Supplier<Channel<Object>>) () -> Channel.bounded(1024)),
                Arguments.of("bounded(1000)", (Supplier<Channel<Object>>) () -> Channel.bounded(1000)),
                Arguments.of("bounded(1)", (Supplier<Channel<Object>>) () -> Channel.bounded(1)),
                Arguments.of("spsc(1024)", (Supplier<Channel<Object>>) () -> Channel.builder()
                        .capacity(1024)
                        .singleProducer()
                        .singleConsumer()
                        .build()),
                Arguments.of("drop-oldest(8)", (Supplier<Channel<Object>>) () -> Channel.builder()
                        .capacity(8)
                        .overflow(Overflow.DROP_OLDEST)
                        .build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("boundedFlavors")
    void steadyStateSendAndReceiveAllocateNothing(String name, Supplier<Channel<Object>> factory) throws Exception {
        // Through reflection: the tests run patched into the dev.sluice.channel module, which
        // does not read java.management (and must not, just for a test).
        Object threads = Class.forName("java.lang.management.ManagementFactory")
                .getMethod("getThreadMXBean")
                .invoke(null);
        Class<?> sunBean = Class.forName("com.sun.management.ThreadMXBean");
        assumeTrue(sunBean.isInstance(threads), "the JVM cannot count allocated bytes");
        Method allocatedBytes = sunBean.getMethod("getCurrentThreadAllocatedBytes");
        assumeTrue((long) allocatedBytes.invoke(threads) >= 0, "allocation counting is disabled");

        Channel<Object> ch = factory.get();
        Sender<Object> tx = ch.sender();
        Receiver<Object> rx = ch.receiver();
        Object element = new Object();

        long bestPerOp = Long.MAX_VALUE;
        // Several rounds: the first ones warm up (JIT, lazily initialised JDK classes).
        for (int round = 0; round < 8; round++) {
            long before = (long) allocatedBytes.invoke(threads);
            for (int i = 0; i < OPS; i++) {
                tx.send(element);
                if (tx.trySend(element) != SendStatus.SENT && ch.capacity() > 1) {
                    throw new AssertionError("trySend failed on a non-full channel");
                }
                if (rx.recv() != element) {
                    throw new AssertionError("wrong element");
                }
                Object second = rx.tryRecv();
                if (second != null && second != element) {
                    throw new AssertionError("wrong element");
                }
            }
            long allocated = (long) allocatedBytes.invoke(threads) - before;
            bestPerOp = Math.min(bestPerOp, allocated / OPS);
        }
        assertThat(bestPerOp)
                .as("bytes allocated per send+trySend+recv+tryRecv on %s", name)
                .isZero();
        assertThat(ch.size()).isZero();
    }
}
