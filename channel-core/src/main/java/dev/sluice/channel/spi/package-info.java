/**
 * Service interfaces for libraries that integrate with Sluice: {@link
 * dev.sluice.channel.spi.BlockingCallCheck}.
 */
package dev.sluice.channel.spi;
