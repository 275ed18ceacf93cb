package dev.sluice.channel.internal;

import org.jspecify.annotations.Nullable;

/**
 * A FIFO of {@link Waiter}s, linked through the waiters themselves (no allocation). Not thread-safe:
 * its owner ({@link Waiters}, or the rendezvous flavor) guards every call with its lock.
 */
final class WaitQueue {
    private @Nullable Waiter head;
    private @Nullable Waiter tail;
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Arms {@code w} and appends it. */
    void add(Waiter w) {
        if (w.queue != null) {
            throw new IllegalStateException("a waiter queued twice: " + w);
        }
        w.arm();
        w.prev = tail;
        w.next = null;
        if (tail == null) {
            head = w;
        } else {
            tail.next = w;
        }
        tail = w;
        w.queue = this;
        size++;
    }

    /** Unlinks {@code w} if it is linked here. */
    void remove(Waiter w) {
        if (w.queue != this) {
            return;
        }
        Waiter p = w.prev;
        Waiter n = w.next;
        if (p == null) {
            head = n;
        } else {
            p.next = n;
        }
        if (n == null) {
            tail = p;
        } else {
            n.prev = p;
        }
        w.prev = null;
        w.next = null;
        w.queue = null;
        size--;
    }

    /**
     * Unlinks waiters from the front until one is claimed, and returns it (the caller completes it,
     * outside the lock). Waiters whose claim fails are being withdrawn by their owners, who will find
     * them unlinked.
     */
    @Nullable
    Waiter claimFirst() {
        for (Waiter w; (w = head) != null; ) {
            remove(w);
            if (w.claim()) {
                return w;
            }
        }
        return null;
    }

    /** Unlinks every waiter and returns those this call claimed, as a chain through {@code next}. */
    @Nullable
    Waiter claimAll() {
        Waiter first = null;
        Waiter last = null;
        for (Waiter w; (w = head) != null; ) {
            remove(w);
            if (w.claim()) {
                if (last == null) {
                    first = w;
                } else {
                    last.next = w;
                }
                last = w;
            }
        }
        return first;
    }

    /** Whether a waiter not of {@code group} is linked here (a select must not count its own). */
    boolean hasWaiterOutside(SelectGroup group) {
        for (Waiter w = head; w != null; w = w.next) {
            if (w.group != group) {
                return true;
            }
        }
        return false;
    }
}
