package dev.sluice.channel;

/**
 * A one-shot registration for "an element (or a free slot) may be available". Returned by {@link
 * Receiver#whenReceivable} and {@link Sender#whenSendable}.
 *
 * <p>The callback is a hint: it runs at most once, on the thread that made the channel ready (or
 * closed it), or at once on the registering thread if the channel is already ready. It must be
 * short and must not block. It may be spurious; the registrant then retries its non-blocking
 * operation and registers again if that still cannot proceed. Callbacks that trigger further
 * callbacks do not nest: each thread runs them one after another.
 *
 * <p>Wake-ups are handed to one waiter at a time, so a registrant that is woken and then decides
 * not to act must {@link #cancel()}: cancelling a registration that already fired passes the
 * wake-up on to the next waiter, so it is never lost.
 */
public interface Readiness {
    /**
     * Withdraws the registration. If the callback has not run yet it never will; if it already ran,
     * the wake-up it carried is passed on to the next waiter. Idempotent.
     *
     * @return {@code true} if this call guaranteed the callback will never run, {@code false} if it
     *     already ran (or was withdrawn before)
     */
    boolean cancel();
}
