package dev.sluice.channel;

/**
 * A one-shot registration for "an element (or a free slot) may be available". Returned by {@link
 * Receiver#whenReceivable} and {@link Sender#whenSendable}.
 *
 * <p>The callback is a hint: it runs at most once, on the thread that made the channel ready (or
 * closed it), and must be short. It may be spurious; the registrant then retries its non-blocking
 * operation and registers again if that still cannot proceed.
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
     * @return {@code true} if this call withdrew a callback that had not run yet
     */
    boolean cancel();
}
