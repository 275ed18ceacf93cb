package dev.sluice.kafka.internal;

import dev.sluice.channel.ChannelClosedException;
import dev.sluice.channel.ReadinessWatch;
import dev.sluice.channel.SendStatus;
import dev.sluice.channel.Sender;
import dev.sluice.kafka.KafkaRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jspecify.annotations.Nullable;

/**
 * The poll loop of a {@code KafkaSource}: the only thread that touches the {@code KafkaConsumer}
 * (other threads reach it through {@link #submit} and {@code wakeup()}, the consumer's one
 * thread-safe call).
 *
 * <h2>Backpressure (K1)</h2>
 *
 * The loop polls only while the channel has room for a whole poll ({@code max.poll.records}, which
 * the source caps at the capacity), so sending a poll's records into the channel never waits: this
 * thread is the channel's only sender, and only receivers change the room meanwhile, by freeing it.
 * When the room is short it pauses every assigned partition and keeps polling, which keeps the
 * member alive in its group however slow the consumer is ({@code max.poll.interval.ms} counts the
 * time between polls, and paused polls return nothing). A standing readiness watch on the sender
 * runs on the receiving thread as slots free; it wakes the consumer once a whole poll fits again (or
 * the channel closed) and otherwise arms itself for the next freed slot, so a slow consumer costs a
 * size check per element, not a wake-up.
 *
 * <p>A partition is paused when the channel is short of room or the user paused it, and resumed only
 * when neither holds, so the two never undo each other; partitions assigned by a rebalance get the
 * same treatment in {@code onPartitionsAssigned}, since the consumer forgets pauses of partitions it
 * loses.
 *
 * <h2>Commits (K2)</h2>
 *
 * Each assigned partition has a {@link PartitionAcks}. The acknowledged prefix is committed
 * asynchronously every commit interval, synchronously when partitions are revoked and when the loop
 * ends. Records of a partition that leaves are marked stale. A {@code wakeup()} meant for a poll may
 * land in a synchronous commit instead; the commit is then simply retried.
 */
public final class PollLoop<K, V> implements Runnable {
    private final org.apache.kafka.clients.consumer.Consumer<K, V> consumer;
    private final Sender<KafkaRecord<K, V>> tx;
    private final Collection<String> topics;
    private final int pollRecords;
    private final Duration pollTimeout;
    private final long commitIntervalNanos;
    private final Consumer<Collection<TopicPartition>> onAssigned;
    private final Consumer<Collection<TopicPartition>> onRevoked;
    private final ReadinessWatch room;
    private final ConcurrentLinkedQueue<Command> commands = new ConcurrentLinkedQueue<>();
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final AtomicLong backpressurePauses = new AtomicLong();

    // Loop thread only.
    private final Map<TopicPartition, PartitionAcks> acks = new HashMap<>();
    private final Set<TopicPartition> userPaused = new HashSet<>();
    private boolean backpressured;

    private volatile boolean stopping;
    private volatile boolean finished; // no more commands run
    private volatile boolean paused; // backpressured, for introspection
    private volatile @Nullable Thread thread;

    public PollLoop(
            org.apache.kafka.clients.consumer.Consumer<K, V> consumer,
            Sender<KafkaRecord<K, V>> tx,
            Collection<String> topics,
            int pollRecords,
            Duration pollTimeout,
            Duration commitInterval,
            Consumer<Collection<TopicPartition>> onAssigned,
            Consumer<Collection<TopicPartition>> onRevoked) {
        this.consumer = consumer;
        this.tx = tx;
        this.topics = List.copyOf(topics);
        this.pollRecords = pollRecords;
        this.pollTimeout = pollTimeout;
        this.commitIntervalNanos = commitInterval.toNanos();
        this.onAssigned = onAssigned;
        this.onRevoked = onRevoked;
        this.room = tx.watchSendable(this::onRoom);
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        Throwable failure = null;
        try {
            consumer.subscribe(topics, new Rebalance());
            long nextCommit = System.nanoTime() + commitIntervalNanos;
            while (!stopping && !tx.isClosed()) {
                runCommands();
                checkRoom();
                ConsumerRecords<K, V> polled;
                try {
                    polled = consumer.poll(pollTimeout);
                } catch (WakeupException woken) {
                    continue; // room freed, a command, or a stop: look again
                }
                if (!deliver(polled)) {
                    break; // every receiver left
                }
                if (System.nanoTime() - nextCommit >= 0) {
                    commitAsync();
                    nextCommit = System.nanoTime() + commitIntervalNanos;
                }
            }
        } catch (Throwable t) {
            failure = t;
        }
        finish(failure);
    }

    /** Sends a poll's records into the channel; {@code false} if the channel closed (no receiver left). */
    private boolean deliver(ConsumerRecords<K, V> polled) throws InterruptedException {
        if (polled.isEmpty()) {
            return true;
        }
        for (TopicPartition tp : polled.partitions()) {
            PartitionAcks pending = acks.computeIfAbsent(tp, p -> new PartitionAcks());
            for (ConsumerRecord<K, V> r : polled.records(tp)) {
                TrackedRecord<K, V> tracked = new TrackedRecord<>(r);
                pending.delivered(tracked); // tracked first: a receiver may ack it the moment it is sent
                if (!send(tracked)) {
                    return false; // not acknowledged, so not committed: the group's next member gets it
                }
            }
        }
        return true;
    }

    /**
     * Sends one record; {@code false} if the channel closed or the source is stopping. The room for a
     * whole poll was there before the poll (see the class comment), so the first try succeeds; the
     * timed retry is only a guard, so that a loop can never sit in a send past a stop.
     */
    private boolean send(TrackedRecord<K, V> record) throws InterruptedException {
        try {
            SendStatus status = tx.trySend(record);
            if (status != SendStatus.FULL) {
                return status == SendStatus.SENT;
            }
            while (!tx.send(record, pollTimeout)) {
                if (stopping) {
                    return false;
                }
            }
            return true;
        } catch (ChannelClosedException receiversGone) {
            return false;
        }
    }

    // ---- backpressure ------------------------------------------------------------------------

    private boolean hasRoom() {
        return tx.capacity() - tx.size() >= pollRecords || tx.isClosed() || stopping;
    }

    /** Pauses when the next poll might not fit, resumes when it does (K1). Loop thread. */
    private void checkRoom() {
        if (!backpressured) {
            if (hasRoom()) {
                return;
            }
            setBackpressured(true);
            backpressurePauses.incrementAndGet();
            room.arm();
            if (!hasRoom()) {
                return;
            }
            // freed between the check and the arm: the watch may still fire once (a spurious wake-up)
        } else if (!hasRoom()) {
            return;
        }
        setBackpressured(false);
    }

    private void setBackpressured(boolean on) {
        backpressured = on;
        paused = on;
        applyPauses();
    }

    /**
     * Runs on a receiving thread as a slot frees (or the channel closes): wakes the loop once a whole
     * poll fits, else waits for the next freed slot.
     */
    private void onRoom() {
        if (hasRoom()) {
            consumer.wakeup();
        } else {
            room.arm();
        }
    }

    /** Makes the consumer's paused set what backpressure and the user ask for. Loop thread. */
    private void applyPauses() {
        Set<TopicPartition> assigned = consumer.assignment();
        if (assigned.isEmpty()) {
            return;
        }
        Set<TopicPartition> pausedNow = consumer.paused();
        List<TopicPartition> pause = new ArrayList<>();
        List<TopicPartition> resume = new ArrayList<>();
        for (TopicPartition tp : assigned) {
            boolean want = backpressured || userPaused.contains(tp);
            boolean is = pausedNow.contains(tp);
            if (want && !is) {
                pause.add(tp);
            } else if (!want && is) {
                resume.add(tp);
            }
        }
        if (!pause.isEmpty()) {
            consumer.pause(pause);
        }
        if (!resume.isEmpty()) {
            consumer.resume(resume);
        }
    }

    // ---- user pauses and stopping ----------------------------------------------------------------

    /**
     * Runs {@code command} on the loop thread before its next poll; the stage completes after it, or
     * fails if the loop ended first.
     */
    public CompletableFuture<Void> submit(Runnable command) {
        Command c = new Command(command);
        commands.add(c);
        if (finished) {
            c.refuse(); // finish() may have drained the queue before the add
        } else {
            consumer.wakeup();
        }
        return c.applied;
    }

    /** User pauses; runs on the loop thread (through {@link #submit}). */
    public void userPause(Collection<TopicPartition> partitions, boolean pause) {
        if (pause) {
            userPaused.addAll(partitions);
        } else {
            userPaused.removeAll(partitions);
        }
        applyPauses();
    }

    private void runCommands() {
        for (Command c; (c = commands.poll()) != null; ) {
            c.run();
        }
    }

    /** A user's request for the loop thread (a pause, a resume), with the stage its caller holds. */
    private static final class Command {
        final Runnable action;
        final CompletableFuture<Void> applied = new CompletableFuture<>();

        Command(Runnable action) {
            this.action = action;
        }

        void run() {
            try {
                action.run();
                applied.complete(null);
            } catch (RuntimeException e) {
                applied.completeExceptionally(e);
            }
        }

        void refuse() {
            applied.completeExceptionally(new IllegalStateException("the Kafka source is closed"));
        }
    }

    /** Asks the loop to stop; {@link #done()} completes once it committed and closed the consumer. */
    public void stop() {
        stopping = true;
        if (Thread.currentThread() != thread) {
            consumer.wakeup();
        }
    }

    public CompletableFuture<Void> done() {
        return done;
    }

    public boolean isOnLoopThread() {
        return Thread.currentThread() == thread;
    }

    public boolean isBackpressured() {
        return paused;
    }

    public long backpressurePauses() {
        return backpressurePauses.get();
    }

    // ---- commits ---------------------------------------------------------------------------

    private Map<TopicPartition, OffsetAndMetadata> committable(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition tp : partitions) {
            PartitionAcks pending = acks.get(tp);
            OffsetAndMetadata next = pending == null ? null : pending.committable();
            if (next != null) {
                offsets.put(tp, next);
            }
        }
        return offsets;
    }

    private void commitAsync() {
        Map<TopicPartition, OffsetAndMetadata> offsets = committable(acks.keySet());
        if (!offsets.isEmpty()) {
            // the callback runs on this thread, inside a later poll; a failed commit is retried at the
            // next interval (its offsets are still committable), or covered by the revoke's or close's
            consumer.commitAsync(offsets, (committed, error) -> {
                if (error == null) {
                    recordCommitted(committed);
                }
            });
        }
    }

    private void commitSync(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> offsets = committable(partitions);
        if (offsets.isEmpty()) {
            return;
        }
        while (true) {
            try {
                consumer.commitSync(offsets);
                recordCommitted(offsets);
                return;
            } catch (WakeupException meantForThePoll) {
                // a wake-up (room freed, a command, a stop) consumed here instead of by a poll: retry
            }
        }
    }

    private void recordCommitted(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((tp, offset) -> {
            PartitionAcks pending = acks.get(tp);
            if (pending != null) {
                pending.committed(offset);
            }
        });
    }

    private void abandon(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            PartitionAcks pending = acks.remove(tp);
            if (pending != null) {
                pending.abandon();
            }
        }
    }

    /**
     * The loop's end (K3): commit what was acknowledged, mark the rest stale, close the consumer, then
     * end the channel, so that a subscriber that sees the end knows the commits are done.
     */
    private void finish(@Nullable Throwable failure) {
        finished = true;
        room.close();
        Throwable commitFailure = null;
        try {
            commitSync(new ArrayList<>(acks.keySet()));
        } catch (RuntimeException e) {
            commitFailure = e; // at-least-once still holds: those records will be delivered again
        }
        abandon(new ArrayList<>(acks.keySet()));
        try {
            consumer.close();
        } catch (RuntimeException e) {
            if (commitFailure == null) {
                commitFailure = e;
            }
        }
        if (failure != null) {
            tx.fail(failure); // receivers drain what was delivered, then see the cause (S5)
        } else {
            tx.close();
        }
        for (Command c; (c = commands.poll()) != null; ) {
            c.refuse();
        }
        Throwable ended = failure != null ? failure : commitFailure;
        if (ended != null) {
            done.completeExceptionally(ended);
        } else {
            done.complete(null);
        }
    }

    /** Commits on revoke, marks abandoned records stale, re-applies pauses on assignment (K1, K2). */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            try {
                commitSync(partitions);
            } catch (RuntimeException e) {
                // the group moved on without this commit: the new owner re-reads from the last one
            }
            abandon(partitions);
            if (!partitions.isEmpty()) {
                onRevoked.accept(partitions);
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            abandon(partitions); // no commit: the partitions already have another owner
            if (!partitions.isEmpty()) {
                onRevoked.accept(partitions);
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            for (TopicPartition tp : partitions) {
                acks.putIfAbsent(tp, new PartitionAcks());
            }
            applyPauses(); // the consumer forgot the pauses of partitions it had lost
            if (!partitions.isEmpty()) {
                onAssigned.accept(partitions);
            }
        }
    }
}
