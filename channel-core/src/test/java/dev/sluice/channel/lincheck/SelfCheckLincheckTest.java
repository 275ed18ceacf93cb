package dev.sluice.channel.lincheck;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.channel.Channel;
import dev.sluice.channel.Receiver;
import dev.sluice.channel.lincheck.LincheckRuns.CheckedFlavor;
import dev.sluice.channel.lincheck.LincheckRuns.Scenario;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import org.jetbrains.kotlinx.lincheck.LincheckAssertionError;
import org.junit.jupiter.api.Test;

/**
 * The Lincheck tests can fail: a channel whose receiver loses an element only when the channel
 * closes in the middle of its {@code tryRecv} (a bug no sequential run shows) must be reported by
 * model checking. If this passes vacuously, the instrumentation is not working on this JDK and no
 * other Lincheck test here checks anything either.
 */
class SelfCheckLincheckTest {

    /**
     * A receive racing the last sender's close: the broken receiver drops the element it took, so
     * the receive answers EMPTY although the element was buffered before and after.
     */
    private static final Scenario RECEIVE_RACING_CLOSE = Scenario.init("trySend 1", "closeSender2")
            .thread("tryRecv")
            .thread("closeSender")
            .post("tryRecv");

    @Test
    void modelCheckingReportsAnElementLostOnlyUnderARace() {
        CheckedFlavor broken = new CheckedFlavor(
                "bounded(2) losing an element when closed mid-receive",
                LosesAnElementWhenClosedMidReceive.class,
                BoundedChannelLincheckTest.Capacity2Model.class,
                List.of(RECEIVE_RACING_CLOSE),
                1,
                LincheckRuns.MODEL_CHECKING_INVOCATIONS);

        assertThatThrownBy(broken::modelCheck)
                .isInstanceOf(LincheckAssertionError.class)
                .hasMessageContaining("Invalid execution results")
                .hasMessageContaining("tryRecv(): EMPTY");
    }

    /** {@code Channel.bounded(2)} with the broken receiver. */
    public static final class LosesAnElementWhenClosedMidReceive extends ChannelOperations.Mpmc {
        public LosesAnElementWhenClosedMidReceive() {
            super(withBrokenReceiver(Channel.bounded(2)));
        }
    }

    /**
     * {@code channel}, whose {@code receiver()} drops the element a {@code tryRecv} took if the
     * channel was open when the call began and closed when it took the element. Run alone, a
     * {@code tryRecv} never sees the channel change under it, so it never drops anything.
     */
    @SuppressWarnings("unchecked")
    static Channel<Integer> withBrokenReceiver(Channel<Integer> channel) {
        Receiver<Integer> real = channel.receiver();
        Receiver<Integer> broken = proxy(Receiver.class, real, (proxy, method, args) -> {
            if (method.getName().equals("tryRecv")) {
                boolean openBefore = !real.isClosed();
                Integer element = real.tryRecv();
                if (element != null && openBefore && real.isClosed()) {
                    return null; // lost
                }
                return element;
            }
            return invoke(method, real, args);
        });
        return proxy(
                Channel.class,
                channel,
                (proxy, method, args) -> method.getName().equals("receiver") ? broken : invoke(method, channel, args));
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<?> type, Object target, InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler);
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
