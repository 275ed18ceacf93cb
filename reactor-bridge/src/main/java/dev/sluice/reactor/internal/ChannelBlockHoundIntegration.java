package dev.sluice.reactor.internal;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Tells BlockHound which waits inside a channel's non-blocking calls ({@code trySend}, {@code
 * tryRecv}, the fused view's {@code poll}, the wake-ups a receive or send gives) are bounded by
 * another thread's few instructions, not by capacity or user code, so that it accepts them on
 * Reactor's non-blocking threads (B5). Found through {@code META-INF/services} when BlockHound is
 * installed; nothing loads it otherwise.
 *
 * <p>Each entry is one small method of channel-core, so a blocking call anywhere else (a user's
 * {@code Thread.sleep}, a channel's blocking {@code send}) is still reported:
 *
 * <ul>
 *   <li>{@code Backoff.snooze}: waiting for a peer to finish a hand-off it has begun (a slot being
 *       written or a claimed waiter being completed), spinning then yielding, never parking;
 *   <li>{@code Waiters.acquire} and {@code LockedRing.acquire}: a lock whose every hold is a few
 *       queue operations.
 * </ul>
 */
public final class ChannelBlockHoundIntegration implements BlockHoundIntegration {
    private static final String INTERNAL = "dev.sluice.channel.internal.";

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside(INTERNAL + "Backoff", "snooze")
                .allowBlockingCallsInside(INTERNAL + "Waiters", "acquire")
                .allowBlockingCallsInside(INTERNAL + "LockedRing", "acquire");
    }
}
