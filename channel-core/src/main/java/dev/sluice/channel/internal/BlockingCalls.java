package dev.sluice.channel.internal;

import dev.sluice.channel.spi.BlockingCallCheck;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/** The {@link BlockingCallCheck}s found on the module or class path, run before every blocking call. */
final class BlockingCalls {
    private static final BlockingCallCheck[] CHECKS = load();

    private BlockingCalls() {}

    private static BlockingCallCheck[] load() {
        List<BlockingCallCheck> found = new ArrayList<>();
        Iterator<BlockingCallCheck> it = ServiceLoader.load(
                        BlockingCallCheck.class, BlockingCalls.class.getClassLoader())
                .iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                found.add(it.next());
            } catch (ServiceConfigurationError broken) {
                // a provider that cannot be loaded checks nothing; blocking calls must still work
                System.getLogger("dev.sluice.channel")
                        .log(System.Logger.Level.WARNING, "a BlockingCallCheck could not be loaded", broken);
            }
        }
        return found.toArray(new BlockingCallCheck[0]);
    }

    /** Runs every check before {@code operation} may wait; a check that refuses throws. */
    static void check(String operation, Deadline deadline) {
        if (CHECKS.length == 0 || deadline.isNow()) {
            return; // nothing installed, or a call that never waits
        }
        for (BlockingCallCheck c : CHECKS) {
            c.beforeBlocking(operation);
        }
    }
}
