package dev.sluice.channel.spi;

/**
 * A check run before a blocking channel call ({@code send}, {@code recv}, {@code reserve}, blocking
 * iteration) that may wait, found with {@link java.util.ServiceLoader}: a library whose threads must
 * never block (Reactor's non-blocking schedulers, an event loop) provides one that throws, so that
 * such a call fails at once with a clear message instead of stalling the thread. The Reactor bridge
 * provides one, as Reactor's own {@code block()} refuses to run on those threads.
 *
 * <p>Calls that never wait (the {@code try...} forms, a zero timeout, async and reactive forms) are
 * not checked. A check must be cheap: it runs on every blocking call.
 */
public interface BlockingCallCheck {

    /**
     * Called on the calling thread before a blocking call; throw to refuse it (nothing has changed).
     *
     * @param operation the call, as its method is named ({@code "send"}, {@code "recv"}, ...)
     */
    void beforeBlocking(String operation);
}
