package dev.sluice.channel.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A stage that an operation of the library completes, and that outside code (a {@code cancel}, an
 * {@code orTimeout}, a {@code complete}) may complete only by first withdrawing that operation: once
 * the operation has taken an element for the stage, the outside call returns {@code false} and the
 * operation's outcome stands, so a taken element is always reported. Every public way to complete a
 * {@link CompletableFuture} from outside goes through {@link #withdraw()} here ({@code completeAsync}
 * included, which would otherwise bypass {@code complete}); the {@code obtrude} methods are refused.
 * The operation itself completes the stage with {@link #settle} / {@link #settleExceptionally}.
 *
 * @param <R> the result type
 */
abstract class OwnedStage<R> extends CompletableFuture<R> {
    /**
     * Takes the operation away, so that it can no longer complete this stage.
     *
     * @return {@code true} if nothing had happened to it (an outside completion may proceed);
     *     {@code false} if it is completing or completed the stage itself
     */
    abstract boolean withdraw();

    /** The operation's own completion. */
    final boolean settle(@Nullable R value) {
        return super.complete(value);
    }

    /** The operation's own completion, exceptionally. */
    final boolean settleExceptionally(Throwable error) {
        return super.completeExceptionally(error);
    }

    /** The operation's own end as cancelled (a stop it honoured). */
    final boolean settleCancelled() {
        return super.cancel(false);
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        return withdraw() && super.cancel(mayInterruptIfRunning);
    }

    @Override
    public boolean complete(R value) {
        return withdraw() && super.complete(value);
    }

    @Override
    public boolean completeExceptionally(Throwable ex) {
        return withdraw() && super.completeExceptionally(ex);
    }

    @Override
    public CompletableFuture<R> completeAsync(Supplier<? extends R> supplier, Executor executor) {
        executor.execute(() -> {
            try {
                complete(supplier.get());
            } catch (Throwable t) {
                completeExceptionally(t);
            }
        });
        return this;
    }

    @Override
    public CompletableFuture<R> completeAsync(Supplier<? extends R> supplier) {
        return completeAsync(supplier, defaultExecutor());
    }

    /** Would bypass the operation's ownership of the element. */
    @Override
    public void obtrudeValue(R value) {
        throw new UnsupportedOperationException("a channel operation's outcome cannot be overwritten");
    }

    /** Would bypass the operation's ownership of the element. */
    @Override
    public void obtrudeException(Throwable ex) {
        throw new UnsupportedOperationException("a channel operation's outcome cannot be overwritten");
    }
}
