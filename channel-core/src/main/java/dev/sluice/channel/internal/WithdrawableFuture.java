package dev.sluice.channel.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The future of an asynchronous channel operation. The channel completes it through {@link
 * #settle}/{@link #settleExceptionally}; every completion from outside ({@code cancel}, {@code
 * complete}, {@code completeExceptionally}, {@code orTimeout}, {@code completeOnTimeout}, {@code
 * completeAsync}) first has to withdraw the operation from the channel, and fails (returns {@code
 * false}) if the channel already acted on it. So an element is never both sent and withdrawn, nor
 * taken by a receive whose future was completed some other way.
 *
 * @param <R> the result type
 */
abstract class WithdrawableFuture<R> extends CompletableFuture<R> {

    /** Takes the operation away from the channel; {@code true} if nothing had happened to it. */
    abstract boolean withdraw();

    final void settle(@Nullable R value) {
        super.complete(value);
    }

    final void settleExceptionally(Throwable error) {
        super.completeExceptionally(error);
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

    /** Would bypass the channel's ownership of the element. */
    @Override
    public void obtrudeValue(R value) {
        throw new UnsupportedOperationException("a channel operation's outcome cannot be overwritten");
    }

    /** Would bypass the channel's ownership of the element. */
    @Override
    public void obtrudeException(Throwable ex) {
        throw new UnsupportedOperationException("a channel operation's outcome cannot be overwritten");
    }
}
