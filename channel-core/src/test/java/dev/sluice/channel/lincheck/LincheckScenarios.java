package dev.sluice.channel.lincheck;

import dev.sluice.channel.lincheck.LincheckRuns.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Hand-written scenarios that model checking explores before its random ones: the races the
 * close rules (S4, S5) are about, each with the operations after it that would show a lost,
 * duplicated or wrongly refused element. Each uses only the operations the flavor has, and keeps
 * each handle's operations on one thread.
 */
final class LincheckScenarios {

    private LincheckScenarios() {}

    /**
     * The scenarios every flavor gets, for a channel with room for {@code fill} elements (its
     * capacity, a few for unbounded, 0 for rendezvous): the close races, and {@code size()} racing
     * sends, receives and the last receiver's close.
     */
    static List<Scenario> standard(Class<? extends ChannelOperations> operations, int fill) {
        List<Scenario> scenarios = new ArrayList<>(closeRaces(operations, fill));
        scenarios.addAll(sizeRaces(operations, fill));
        return scenarios;
    }

    /** S4 and S5: closing and failing, racing sends and receives. */
    static List<Scenario> closeRaces(Class<? extends ChannelOperations> operations, int fill) {
        boolean twoSenders = ChannelOperations.TwoSenders.class.isAssignableFrom(operations);
        boolean twoReceivers = LincheckRuns.findOperation(operations, "closeReceiver2") != null;
        String[] oneBuffered = fill > 0 ? new String[] {"trySend 1"} : new String[0];
        List<Scenario> scenarios = new ArrayList<>();

        // S5: fail racing receives: they drain what was accepted, then get the cause.
        scenarios.add(Scenario.init(sends(Math.min(fill, 2)))
                .thread("fail")
                .thread("tryRecv", "recvNow", "tryRecv")
                .post("tryRecv", "isClosed"));

        // S4: the last sender closes while receivers take: they drain, then see CLOSED.
        scenarios.add(Scenario.init(twoSenders ? concat(oneBuffered, "closeSender2") : oneBuffered)
                .thread("trySend 2", "closeSender")
                .thread("tryRecv", "recvNow", "tryRecv")
                .post("tryRecv", "isClosed"));

        // S4: the last receiver closes while senders send: each send either was accepted before
        // the close or is refused, and isClosed() never runs ahead of the refusal.
        String[] lastReceiverInit = twoReceivers ? concat(oneBuffered, "closeReceiver2") : oneBuffered;
        scenarios.add(Scenario.init(lastReceiverInit)
                .thread("trySend 2", "isClosed", "sendNow 3")
                .thread("closeReceiver")
                .post("isClosed", "trySend 4"));

        if (twoSenders) {
            // S5: fail closes the channel for the other sender too, and at one instant: once
            // isClosed() says so, no send through the other handle is accepted.
            scenarios.add(Scenario.init(oneBuffered)
                    .thread("isClosed", "trySend2 2", "isClosed")
                    .thread("fail")
                    .post("tryRecv", "tryRecv", "tryRecv"));

            // S4, S5: the last receiver closes while fail() is closing the channel: once that
            // close has returned, no send is accepted (nobody could ever receive it).
            scenarios.add(Scenario.init(twoReceivers ? new String[] {"closeReceiver2"} : new String[0])
                    .thread("closeReceiver", "trySend2 8")
                    .thread("fail")
                    .post("trySend2 9"));
        }
        return scenarios;
    }

    /**
     * S11: {@code size()} is a snapshot, a size the channel had at some instant during the call:
     * while a send and a receive pass (the size goes 1, 2, 1, never 0), and while the last
     * receiver's close discards the buffer (once the channel reads as closed, nothing is left).
     */
    static List<Scenario> sizeRaces(Class<? extends ChannelOperations> operations, int fill) {
        boolean twoReceivers = LincheckRuns.findOperation(operations, "closeReceiver2") != null;
        List<Scenario> scenarios = new ArrayList<>();
        if (fill >= 2) {
            scenarios.add(Scenario.init("trySend 5")
                    .thread("trySend 3", "tryRecv")
                    .thread("size", "size")
                    .post("tryRecv", "size"));
        }
        String[] buffered = sends(Math.min(fill, 2));
        scenarios.add(Scenario.init(twoReceivers ? concat(buffered, "closeReceiver2") : buffered)
                .thread("closeReceiver")
                .thread("isClosed", "size")
                .post("size"));
        return scenarios;
    }

    /**
     * DROP_OLDEST evicts the oldest element to make room: racing a {@code fail}, and racing a
     * receive, on a full channel of {@code capacity}.
     */
    static List<Scenario> evictionRaces(int capacity) {
        String[] drain =
                IntStream.rangeClosed(0, capacity).mapToObj(i -> "tryRecv").toArray(String[]::new);
        return List.of(
                Scenario.init(sends(capacity))
                        .thread("trySend2 8")
                        .thread("fail")
                        .post(drain),
                Scenario.init(sends(capacity))
                        .thread("trySend 8", "size")
                        .thread("tryRecv", "size")
                        .post(drain));
    }

    /** {@code trySend 1} .. {@code trySend n}. */
    static String[] sends(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> "trySend " + i).toArray(String[]::new);
    }

    private static String[] concat(String[] first, String... then) {
        String[] all = new String[first.length + then.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(then, 0, all, first.length, then.length);
        return all;
    }
}
