/**
 * Sluice channels in RxJava 3: {@link dev.sluice.rxjava.ChannelFlowable}. Types are non-null unless
 * annotated {@code @Nullable} (JSpecify).
 */
@NullMarked
package dev.sluice.rxjava;

import org.jspecify.annotations.NullMarked;
