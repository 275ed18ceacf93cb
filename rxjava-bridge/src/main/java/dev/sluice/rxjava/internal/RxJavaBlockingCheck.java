package dev.sluice.rxjava.internal;

import dev.sluice.channel.spi.BlockingCallCheck;
import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import org.jspecify.annotations.Nullable;

/**
 * Refuses a blocking channel call on RxJava's non-blocking threads ({@code computation}, {@code
 * single}) when the application asked RxJava to ({@code RxJavaPlugins.setFailOnNonBlockingScheduler
 * (true)}), by the test RxJava's own {@code blockingFirst} and friends then apply: the thread is one of
 * RxJava's non-blocking threads, or the application's {@code onBeforeBlocking} supplier says so. The
 * Reactor bridge's B5 in RxJava's opt-in form. Found by channel-core through {@link
 * java.util.ServiceLoader} whenever this module is present.
 */
public final class RxJavaBlockingCheck implements BlockingCallCheck {
    /**
     * RxJava's marker of its non-blocking threads. It lives in a package RxJava does not export, so it
     * is only tested with {@link Class#isInstance}; {@code null} if a future RxJava moves it.
     */
    private static final @Nullable Class<?> NON_BLOCKING_THREAD = markerClass();

    private static @Nullable Class<?> markerClass() {
        try {
            return Class.forName(
                    "io.reactivex.rxjava3.internal.schedulers.NonBlockingThread",
                    false,
                    RxJavaPlugins.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError moved) {
            return null;
        }
    }

    @Override
    public void beforeBlocking(String operation) {
        if (!RxJavaPlugins.isFailOnNonBlockingScheduler()) {
            return;
        }
        Class<?> marker = NON_BLOCKING_THREAD;
        boolean nonBlocking = marker != null && marker.isInstance(Thread.currentThread());
        if (nonBlocking || RxJavaPlugins.onBeforeBlocking()) {
            throw new IllegalStateException(operation + "() is blocking, which is not supported in thread "
                    + Thread.currentThread().getName() + " (an RxJava non-blocking thread, and"
                    + " RxJavaPlugins.setFailOnNonBlockingScheduler(true) is set); use the channel's reactive or"
                    + " async forms there (ChannelFlowable, sendAsync, recvAsync), or observeOn / subscribeOn"
                    + " Schedulers.io()");
        }
    }
}
