package dev.sluice.examples;

import dev.sluice.rxjava.ChannelFlowable;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.util.List;

/** The README's RxJava example: blocking code bridged into a {@code Flowable} in one call. */
public final class RxJavaQuickStart {
    private RxJavaQuickStart() {}

    public static void main(String[] args) {
        // tag::rxjava[]
        // Blocking code, run on a virtual thread where the JDK has them: a full channel makes
        // send wait, where Flowable.create would buffer without bound or drop.
        Flowable<String> lines = ChannelFlowable.produce(64, tx -> {
            for (int i = 1; i <= 3; i++) {
                tx.send("line " + i);
            }
        });
        // observeOn fuses with the view: the channel is its queue.
        List<String> upper = lines.observeOn(Schedulers.computation())
                .map(String::toUpperCase)
                .toList()
                .blockingGet();
        System.out.println(upper);
        // end::rxjava[]
    }
}
