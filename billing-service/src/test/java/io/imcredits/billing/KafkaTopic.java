package io.imcredits.billing;

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
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Reads and writes a topic of the real broker. The broker outlives test runs, so tests look only
 * at records with their own keys (customer ids they made), never at counts of a whole topic.
 */
public final class KafkaTopic {

    private final String name;

    public KafkaTopic(String name) {
        this.name = name;
    }

    /** Every record of this topic with the given key, from the start of the topic to its current end. */
    public List<ConsumerRecord<String, String>> recordsWithKey(String key) {
        Properties config = config();
        config.put("key.deserializer", StringDeserializer.class.getName());
        config.put("value.deserializer", StringDeserializer.class.getName());
        config.put("group.id", "test-reader-" + UUID.randomUUID());
        config.put("enable.auto.commit", "false");
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(name, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(name, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.currentTimeMillis() + 20_000;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(record.key())) found.add(record);
                }
            }
        }
        return found;
    }

    public void send(String key, String value) {
        sendAll(key, List.of(value));
    }

    /** Sends the values in order with one producer (one key: one partition, so they are consumed in this order). */
    public void sendAll(String key, List<String> values) {
        Properties config = config();
        config.put("key.serializer", StringSerializer.class.getName());
        config.put("value.serializer", StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            for (String value : values) producer.send(new ProducerRecord<>(name, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot send to " + name, e);
        }
    }

    private static Properties config() {
        Properties config = new Properties();
        config.put("bootstrap.servers", ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        return config;
    }
}
