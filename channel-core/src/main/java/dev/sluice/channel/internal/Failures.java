package dev.sluice.channel.internal;

/** What happens to an exception thrown by user code that has nobody to report to. */
final class Failures {
    private Failures() {}

    /**
     * Runs user code whose failure must not make the caller's own operation look failed (a readiness
     * callback run by some sender whose send already succeeded, an undelivered-element hook): the
     * failure goes to the thread's uncaught-exception handler.
     */
    static void runReporting(Runnable task) {
        try {
            task.run();
        } catch (Throwable t) {
            report(t);
        }
    }

    static void report(Throwable t) {
        Thread cur = Thread.currentThread();
        cur.getUncaughtExceptionHandler().uncaughtException(cur, t);
    }
}
