package dev.sluice.channel;

/**
 * A standing readiness registration, for code that drains a channel without blocking (a reactive
 * bridge's fused view, an event loop): unlike a one-shot {@link Readiness}, it is armed again and
 * again and allocates nothing after its creation. Obtained from {@link
 * Receiver#watchReceivable(Runnable)} or {@link Sender#watchSendable(Runnable)}.
 *
 * <p>The protocol: try the non-blocking operation ({@code tryRecv} / {@code trySend}); if it cannot
 * proceed, {@link #arm()} and try once more (a change between the two is not missed); if it still
 * cannot, stop and wait for the callback. The callback runs once per {@code arm()}, on the thread that
 * made the operation possible (or closed the channel), inline: it must be short, must not block, and
 * must tolerate being called while its owner is still running (typically it just bumps a
 * work-in-progress counter and drains). A watch that fired and whose owner will not act must be
 * closed, or armed only when the owner really waits, so that the wake-up it took is not withheld from
 * other waiters.
 */
public interface ReadinessWatch extends AutoCloseable {

    /**
     * Arms the watch: its callback runs once, the next time the operation may succeed (or the channel
     * closes). Arming an armed watch does nothing, and so does arming a closed one (a drain loop may
     * close its watch on one thread while another is about to arm it).
     */
    void arm();

    /**
     * Withdraws the watch for good; if it fired and its owner did not act, the wake-up is passed on to
     * the next waiter. Idempotent.
     */
    @Override
    void close();
}
