package io.imcredits.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Topics of the running broker, read from their start to their current end. */
final class Topics {

    private Topics() {}

    /** The records of the service's dead-letter topic (`<service>.dlq`) whose key (a customer id) is one of the given ones. */
    static List<String> deadLetters(String service, Set<String> keys) {
        return records(service + ".dlq", keys);
    }

    /** The events of a customer on a topic (`credits.events`, …), oldest first, each as "key: value". */
    static List<String> events(String topic, String customerId) {
        return records(topic, Set.of(customerId));
    }

    /** The topic's records whose key (a customer id) is one of the given ones. */
    static List<String> records(String topic, Set<String> keys) {
        Properties config = new Properties();
        config.put("bootstrap.servers", System.getProperty("kafka.bootstrap.servers", "127.0.0.1:9092"));
        config.put("key.deserializer", StringDeserializer.class.getName());
        config.put("value.deserializer", StringDeserializer.class.getName());
        config.put("group.id", "e2e-reader-" + UUID.randomUUID());
        config.put("enable.auto.commit", "false");
        List<String> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            // a topic that was never written to does not exist yet: nothing was dead-lettered
            if (!consumer.listTopics(Duration.ofSeconds(10)).containsKey(topic)) return found;
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.currentTimeMillis() + 30_000;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.currentTimeMillis() > deadline) throw new IllegalStateException("could not read " + topic + " to its end");
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (keys.contains(record.key())) found.add(record.key() + ": " + record.value());
                }
            }
        }
        return found;
    }
}
