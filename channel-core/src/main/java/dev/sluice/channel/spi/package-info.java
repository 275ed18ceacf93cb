/**
 * Service interfaces for libraries that integrate with Sluice: {@link
 * dev.sluice.channel.spi.BlockingCallCheck}, the shared fused subscription and feed the bridges build
 * on, and virtual threads for the Java 17 baseline. Types are non-null unless annotated {@code
 * @Nullable} (JSpecify).
 */
@NullMarked
package dev.sluice.channel.spi;

import org.jspecify.annotations.NullMarked;
