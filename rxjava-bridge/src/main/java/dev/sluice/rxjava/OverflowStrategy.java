package dev.sluice.rxjava;

/**
 * What {@link ChannelFlowable#fromObservable} does with an element of an {@code Observable}, which
 * has no backpressure, when the channel is full. There is no default, and no unbounded buffer: the
 * choice is the caller's, and every element is either delivered, counted as dropped (and handed to the
 * drop hook), or ends the stream with an error.
 */
public enum OverflowStrategy {
    /**
     * Block the emitting thread until there is room: nothing is lost, and the {@code Observable} is
     * slowed to the consumer's pace. Never emit on a thread that must not block (RxJava's {@code
     * computation} or {@code single}); a synchronous source needs {@code subscribeOn}.
     */
    BLOCK,
    /** Remove the oldest buffered element to make room for the new one. */
    DROP_OLDEST,
    /** Drop the new element. */
    DROP_NEWEST,
    /**
     * End the stream with a {@code MissingBackpressureException} after the elements already buffered
     * are delivered, and dispose the {@code Observable} (RxJava's {@code BackpressureStrategy.ERROR}).
     */
    ERROR
}
