package dev.sluice.reactor.internal;

import dev.sluice.channel.spi.BlockingCallCheck;
import reactor.core.scheduler.Schedulers;

/**
 * Refuses a blocking channel call on a thread Reactor marks non-blocking (its parallel and single
 * schedulers, Netty's event loops), as Reactor's own {@code block()} does (docs/design.md B5): such a
 * call would stall every pipeline scheduled on that thread. Found by channel-core through {@link
 * java.util.ServiceLoader} whenever this module is present.
 */
public final class ReactorBlockingCheck implements BlockingCallCheck {

    @Override
    public void beforeBlocking(String operation) {
        if (Schedulers.isInNonBlockingThread()) {
            throw new IllegalStateException(operation + "() is blocking, which is not supported in thread "
                    + Thread.currentThread().getName() + " (a Reactor non-blocking thread); use the channel's"
                    + " reactive or async forms there (ChannelFlux, sendAsync, recvAsync), or publishOn /"
                    + " subscribeOn Schedulers.boundedElastic()");
        }
    }
}
