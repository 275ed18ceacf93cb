package dev.sluice.channel.internal;

import static dev.sluice.channel.SendStatus.CLOSED;
import static dev.sluice.channel.SendStatus.FULL;
import static dev.sluice.channel.SendStatus.SENT;

import dev.sluice.channel.SendStatus;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The buffer of {@code Overflow.DROP_OLDEST} channels: a circular array under a {@link
 * ReentrantLock} (not {@code synchronized}, so virtual threads never pin), for any number of
 * producers and consumers.
 *
 * <p>Evicting the oldest element and inserting the new one must be one step: done as a receive and
 * then a send, a close in between refuses the send after the eviction (an element lost for nothing),
 * and a receive in between finds a full channel empty. Every operation here, the mark included, runs
 * under one lock, so each is atomic and the eviction is too. The lock is uncontended in the common
 * case and allocates nothing; dropping channels trade the lock-free rings' speed for that atomicity.
 *
 * <p>The size, the reservations and the mark are mirrored in volatile fields (written under the
 * lock), so introspection and the wake-up protocol's reads take no lock.
 *
 * @param <E> the element type
 */
final class LockedRing<E> implements EvictingBuffer<E> {
    private final ReentrantLock lock = new ReentrantLock();
    private final Object[] items;
    // guarded by lock; count and reserved also mirrored (volatile) for readers without the lock
    private int first;
    private volatile int count;
    private volatile int reserved;
    private volatile boolean marked;

    LockedRing(int capacity) {
        this.items = new Object[capacity];
    }

    private void put(E element) {
        int n = count;
        items[(first + n) % items.length] = element;
        count = n + 1;
    }

    @SuppressWarnings("unchecked")
    private E take() {
        E e = (E) items[first];
        items[first] = null;
        first = (first + 1) % items.length;
        count = count - 1;
        return e;
    }

    /**
     * Evicts the oldest element and appends {@code element} with the count unchanged: readers of the
     * volatile count (poll's fast path, size) never see the full buffer pass through one less.
     */
    @SuppressWarnings("unchecked")
    private E replaceOldest(E element) {
        E oldest = (E) items[first];
        items[first] = null;
        first = (first + 1) % items.length;
        items[(first + count - 1) % items.length] = element;
        return oldest;
    }

    @Override
    public SendStatus offer(E element) {
        acquire();
        try {
            if (marked) {
                return CLOSED;
            }
            if (count + reserved >= items.length) {
                return FULL;
            }
            put(element);
            return SENT;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public SendStatus offerEvicting(E element, Consumer<? super E> evicted) {
        E oldest;
        acquire();
        try {
            if (marked) {
                return CLOSED;
            }
            if (count + reserved < items.length) {
                put(element);
                return SENT;
            }
            if (count == 0) {
                return FULL; // permits hold every slot: nothing to evict
            }
            oldest = replaceOldest(element);
        } finally {
            lock.unlock();
        }
        evicted.accept(oldest); // outside the lock: the hook is user code
        return SENT;
    }

    @Override
    public @Nullable E poll() {
        if (count == 0) {
            return null; // a volatile read: no lock when empty
        }
        acquire();
        try {
            return count == 0 ? null : take();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public SendStatus reserve(int n) {
        acquire();
        try {
            if (marked) {
                return CLOSED;
            }
            if (count + reserved + n > items.length) {
                return FULL;
            }
            reserved = reserved + n;
            return SENT;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public SendStatus offerReserved(E element) {
        acquire();
        try {
            if (marked) {
                return CLOSED;
            }
            reserved = reserved - 1;
            put(element);
            return SENT;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void release(int n) {
        acquire();
        try {
            reserved = reserved - n;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean mark() {
        acquire();
        try {
            boolean was = marked;
            marked = true;
            return !was;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isMarked() {
        return marked;
    }

    @Override
    public boolean isDrained() {
        return marked && count == 0;
    }

    @Override
    public int size() {
        return count;
    }

    @Override
    public int free() {
        return Math.max(0, items.length - count - reserved);
    }

    @Override
    public int capacity() {
        return items.length;
    }

    /**
     * Takes the lock. A hold is a few queue operations and never runs user code, so a non-blocking
     * caller waits here at most that long; this one method is where it may park, and what tools
     * that police non-blocking threads (the Reactor bridge's BlockHound integration) are told to allow.
     */
    private void acquire() {
        lock.lock();
    }
}
