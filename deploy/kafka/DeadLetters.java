import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The services' dead-lettered records (deploy/kafka.sh dead-letters | replay), run by Java's source launcher on the
 * broker's classpath.
 *   list [SERVICE]                      each record of <service>.dlq: where it sits, where it came from, why it failed
 *   replay SERVICE PARTITION:OFFSET|all  sends the record(s) again to the topic they came from, key, value and headers
 *                                        as they were: the failed consumer applies it; the others already had it and
 *                                        their inbox skips it (imcredits_inbox_duplicates_total), as it skips a
 *                                        second replay: a replayed record is applied once.
 */
public class DeadLetters {

    static final List<String> SERVICES = List.of("subscription-service", "credits-service", "billing-service");
    static final String BOOTSTRAP = System.getProperty("kafka.bootstrap.servers", "127.0.0.1:9092");

    public static void main(String[] args) throws Exception {
        String command = args.length > 0 ? args[0] : "list";
        if (command.equals("list")) {
            for (String service : args.length > 1 ? List.of(args[1]) : SERVICES) {
                for (ConsumerRecord<byte[], byte[]> record : read(service)) System.out.println(describe(service, record));
            }
        } else if (command.equals("replay") && args.length == 3 && SERVICES.contains(args[1])) {
            replay(args[1], args[2]);
        } else {
            System.err.println("usage: list [SERVICE] | replay SERVICE PARTITION:OFFSET|all   (services: " + SERVICES + ")");
            System.exit(2);
        }
    }

    static void replay(String service, String which) throws Exception {
        List<ConsumerRecord<byte[], byte[]>> chosen = read(service).stream()
                .filter(record -> which.equals("all") || which.equals(record.partition() + ":" + record.offset())).toList();
        if (chosen.isEmpty()) {
            System.err.println("no dead letter " + which + " in " + service + ".dlq (deploy/kafka.sh dead-letters lists them)");
            System.exit(1);
        }
        Properties config = new Properties();
        config.put("bootstrap.servers", BOOTSTRAP);
        config.put("acks", "all");
        config.put("enable.idempotence", "true");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (ConsumerRecord<byte[], byte[]> record : chosen) {
                String origin = header(record, "dead-letter-topic");
                RecordHeaders headers = new RecordHeaders();
                for (Header header : record.headers()) {
                    if (!header.key().startsWith("dead-letter-")) headers.add(header);
                }
                headers.add("replayed-from", (service + ".dlq " + record.partition() + ":" + record.offset()).getBytes(StandardCharsets.UTF_8));
                // the key picks the partition, as it did the first time: the customer's events stay in one partition
                var sent = producer.send(new ProducerRecord<>(origin, null, record.key(), record.value(), headers)).get();
                System.out.printf("replayed %s.dlq %d:%d to %s %d:%d%n", service, record.partition(), record.offset(), origin,
                        sent.partition(), sent.offset());
            }
        }
    }

    /** Every record of the service's dead-letter topic, oldest first; none when the topic was never written to. */
    static List<ConsumerRecord<byte[], byte[]>> read(String service) {
        String topic = service + ".dlq";
        Properties config = new Properties();
        config.put("bootstrap.servers", BOOTSTRAP);
        config.put("group.id", "dead-letters-" + UUID.randomUUID()); // assigned partitions, offsets never committed
        config.put("enable.auto.commit", "false");
        List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            if (!consumer.listTopics(Duration.ofSeconds(10)).containsKey(topic)) return found;
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.currentTimeMillis() + 30_000;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.currentTimeMillis() > deadline) throw new IllegalStateException("could not read " + topic + " to its end");
                consumer.poll(Duration.ofMillis(500)).forEach(found::add);
            }
        }
        return found;
    }

    /** One line: where the record sits, where it came from, its key, why it failed, and its value. */
    static String describe(String service, ConsumerRecord<byte[], byte[]> record) {
        String value = record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8);
        String reason = header(record, "dead-letter-reason").replaceAll("\\s+", " "); // an SQL error spans lines
        return String.format("%s.dlq %d:%d  from %s %s:%s  key %s  reason: %s  %s", service, record.partition(), record.offset(),
                header(record, "dead-letter-topic"), header(record, "dead-letter-partition"), header(record, "dead-letter-offset"),
                record.key() == null ? "-" : new String(record.key(), StandardCharsets.UTF_8), reason.length() > 300 ? reason.substring(0, 300) + "…" : reason,
                value.length() > 400 ? value.substring(0, 400) + "…" : value);
    }

    static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? "-" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
