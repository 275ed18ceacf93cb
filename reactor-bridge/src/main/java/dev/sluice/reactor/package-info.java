/**
 * Sluice channels in Project Reactor: {@link dev.sluice.reactor.ChannelFlux}. Types are non-null
 * unless annotated {@code @Nullable} (JSpecify).
 */
@NullMarked
package dev.sluice.reactor;

import org.jspecify.annotations.NullMarked;
