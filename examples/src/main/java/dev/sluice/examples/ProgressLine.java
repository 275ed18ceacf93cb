package dev.sluice.examples;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A live one-line progress display: redrawn in place (carriage return) when standard output is a
 * terminal, printed as plain periodic lines when it is not (a log, a pipe, CI), so that a captured
 * run stays readable. The line's text comes from {@code render}, called on a daemon timer thread.
 */
final class ProgressLine implements AutoCloseable {
    private final PrintStream out;
    private final Supplier<String> render;
    private final boolean inPlace;
    private final ScheduledExecutorService timer;
    private int lastLength;

    /**
     * Starts redrawing every {@code periodMillis} when stdout is a terminal; otherwise prints a line
     * every {@code plainEveryMillis}.
     */
    ProgressLine(PrintStream out, boolean terminal, long periodMillis, long plainEveryMillis, Supplier<String> render) {
        this.out = out;
        this.render = render;
        this.inPlace = terminal;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "progress");
            t.setDaemon(true);
            return t;
        });
        long period = terminal ? periodMillis : plainEveryMillis;
        timer.scheduleAtFixedRate(this::draw, period, period, TimeUnit.MILLISECONDS);
    }

    /** Whether this process's standard output is an interactive terminal. */
    static boolean stdoutIsTerminal() {
        return System.console() != null;
    }

    private synchronized void draw() {
        String line = render.get();
        if (inPlace) {
            int pad = Math.max(0, lastLength - line.length());
            out.print("\r" + line + " ".repeat(pad));
            lastLength = line.length();
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** Stops the timer and leaves the last line drawn in place on its own line. */
    @Override
    public synchronized void close() {
        timer.shutdownNow();
        if (inPlace && lastLength > 0) {
            out.println();
        }
    }
}
