/**
 * Sluice's API: bounded, rendezvous and unbounded {@link dev.sluice.channel.Channel}s whose {@link
 * dev.sluice.channel.Sender} and {@link dev.sluice.channel.Receiver} handles are a Reactive Streams
 * {@code Subscriber} and {@code Publisher}; {@link dev.sluice.channel.Select} over several channels;
 * {@link dev.sluice.channel.Oneshot} replies. Types are non-null unless annotated {@code @Nullable}
 * (JSpecify): a channel never carries {@code null}.
 */
@NullMarked
package dev.sluice.channel;

import org.jspecify.annotations.NullMarked;
