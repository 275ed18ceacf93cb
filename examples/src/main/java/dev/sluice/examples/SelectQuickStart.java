package dev.sluice.examples;

import dev.sluice.channel.Channel;
import dev.sluice.channel.Oneshot;
import dev.sluice.channel.Select;
import dev.sluice.channel.Selected;
import java.time.Duration;

/** The README's select and oneshot example: an actor's reply, or a shutdown, whichever comes first. */
public final class SelectQuickStart {
    private SelectQuickStart() {}

    /** A request to the actor, carrying its own reply channel. */
    record Ask(int n, Oneshot.OneshotSender<Integer> reply) {}

    public static void main(String[] args) throws InterruptedException {
        // tag::select[]
        Channel<Ask> requests = Channel.bounded(16);
        Thread actor = new Thread(() -> {
            for (Ask ask : requests.receiver()) { // ends when the last sender closes
                ask.reply().send(ask.n() * 2); // answers through the request's own oneshot
            }
        });
        actor.start();

        Oneshot<Integer> reply = Oneshot.create();
        requests.sender().send(new Ask(21, reply.sender()));
        Channel<String> shutdown = Channel.bounded(1);
        Selected s = Select.create()
                .receive(reply.receiver()) // the reply, or
                .receive(shutdown.receiver()) // a shutdown signal, whichever comes first
                .select(Duration.ofSeconds(1)); // null: neither within a second
        System.out.println(s != null && s.index() == 0 ? "reply " + s.value() : "no reply");
        requests.sender().close();
        actor.join();
        // end::select[]
    }
}
