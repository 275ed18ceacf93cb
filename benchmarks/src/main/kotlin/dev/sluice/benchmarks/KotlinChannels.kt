@file:JvmName("KotlinChannels")

package dev.sluice.benchmarks

import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout

// The Kotlin coroutine-channel anchors, written the way a Kotlin user would: producers and consumers
// are coroutines launched on Dispatchers.Default (a pool of one thread per core), and the calling
// (benchmark) thread waits in runBlocking. Each function moves one invocation's messages and returns
// the sum of the digests received, which the Java side checks (Traffic.run).

/** A guard only: a round that takes this long has lost messages. */
private const val ROUND_LIMIT_MILLIS = 120_000L

/** `Channel(capacity)`: suspends senders when full; 0 is a rendezvous channel. */
fun boundedChannel(capacity: Int): Channel<DigestedMessage> = Channel(capacity)

/** `Channel(Channel.RENDEZVOUS)`. */
fun rendezvousChannel(): Channel<DigestedMessage> = Channel(Channel.RENDEZVOUS)

/** `Channel(Channel.UNLIMITED)`. */
fun unlimitedChannel(): Channel<DigestedMessage> = Channel(Channel.UNLIMITED)

/** Closes a channel (for the trial teardown). */
fun close(channel: Channel<DigestedMessage>) {
    channel.close()
}

/** The `seq` shape: one coroutine on the calling thread sends `batch` messages, then receives them. */
fun sequential(channel: Channel<DigestedMessage>, messages: Array<DigestedMessage>, batch: Int): Long =
    runBlocking {
        var sum = 0L
        var from = 0
        while (from < messages.size) {
            val to = minOf(messages.size, from + batch)
            for (i in from until to) channel.send(messages[i])
            for (i in from until to) sum += channel.receive().digest
            from = to
        }
        sum
    }

/**
 * `producers` coroutines each send an equal slice of `messages`; `consumers` coroutines each receive
 * an equal share and sum the digests.
 */
fun producersConsumers(
    channel: Channel<DigestedMessage>,
    messages: Array<DigestedMessage>,
    producers: Int,
    consumers: Int,
): Long = runBlocking {
    withTimeout(ROUND_LIMIT_MILLIS) {
        val slice = messages.size / producers
        repeat(producers) { p ->
            launch(Dispatchers.Default) {
                for (i in p * slice until (p + 1) * slice) channel.send(messages[i])
            }
        }
        val share = messages.size / consumers
        List(consumers) {
            async(Dispatchers.Default) {
                var sum = 0L
                repeat(share) { sum += channel.receive().digest }
                sum
            }
        }.awaitAll().sum()
    }
}

/**
 * Ping-pong: one coroutine sends each message through `ping` and waits for it to come back through
 * `pong`; another echoes it back. Returns the sum of the digests that came back.
 */
fun pingPong(
    ping: Channel<DigestedMessage>,
    pong: Channel<DigestedMessage>,
    messages: Array<DigestedMessage>,
): Long = runBlocking {
    withTimeout(ROUND_LIMIT_MILLIS) {
        launch(Dispatchers.Default) {
            for (expected in messages) {
                val message = ping.receive()
                check(message === expected) { "echo received $message, expected $expected" }
                pong.send(message)
            }
        }
        async(Dispatchers.Default) {
            var sum = 0L
            for (message in messages) {
                ping.send(message)
                sum += pong.receive().digest
            }
            sum
        }.await()
    }
}

/**
 * Select, as a Kotlin user writes it: `producers` coroutines (1 or 2) each send `each` messages into
 * their own rendezvous channel; one coroutine receives them all with `select { onReceive }` over
 * every channel. Returns the sum of the digests received.
 */
fun selectReceive(messages: Array<DigestedMessage>, clauses: Int): Long = runBlocking {
    withTimeout(ROUND_LIMIT_MILLIS) {
        val channels = List(clauses) { Channel<DigestedMessage>(Channel.RENDEZVOUS) }
        val each = messages.size / clauses
        channels.forEachIndexed { c, ch ->
            launch(Dispatchers.Default) {
                for (i in c * each until (c + 1) * each) ch.send(messages[i])
            }
        }
        async(Dispatchers.Default) {
            var sum = 0L
            repeat(each * clauses) {
                val m = kotlinx.coroutines.selects.select<DigestedMessage> {
                    for (ch in channels) ch.onReceive { it }
                }
                sum += m.digest
            }
            sum
        }.await()
    }
}
