package dev.sluice.tck;

import dev.sluice.kafka.KafkaSink;
import dev.sluice.kafka.testing.Broker;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.IntegerSerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.reactivestreams.Subscriber;
import org.reactivestreams.tck.SubscriberBlackboxVerification;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;

/**
 * {@link SubscriberBlackboxVerification} of the Kafka bridge's {@code KafkaSink} (B3, K4), sending to
 * a real single-node broker this class starts in its JVM. One producer serves every sink (a sink
 * given a producer leaves it open); its metadata for the topic is fetched before the verification
 * starts, so that no {@code send} waits for it inside the TCK's timeouts.
 */
public class KafkaSinkTck extends SubscriberBlackboxVerification<ProducerRecord<Integer, String>> {
    private static final String TOPIC = "tck";
    private Broker broker;
    private Producer<Integer, String> producer;

    public KafkaSinkTck() {
        super(Tck.env());
    }

    @BeforeClass
    public void startBroker() throws Exception {
        broker = Broker.start();
        broker.createTopic(TOPIC, 1);
        producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", broker.bootstrap()), new IntegerSerializer(), new StringSerializer());
        producer.send(new ProducerRecord<>(TOPIC, 0, "warm-up")).get(30, TimeUnit.SECONDS);
    }

    @AfterClass
    public void stopBroker() throws Exception {
        producer.close();
        broker.close();
    }

    @Override
    public Subscriber<ProducerRecord<Integer, String>> createSubscriber() {
        return KafkaSink.of(producer, 16);
    }

    @Override
    public ProducerRecord<Integer, String> createElement(int element) {
        return new ProducerRecord<>(TOPIC, element, "v" + element);
    }
}
