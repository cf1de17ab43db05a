package io.imcredits.billing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Searches every table, the service's log file and every record this run put on the billing
 * topics for the full card numbers the tests use. Nothing may be found.
 */
final class CardNumberLeaks {

    /** Every number any test sends, as digits. */
    static final List<String> NUMBERS = List.of("4242424242424242", "4000000000000002", "4000000000009995",
            "4000000000000069", "4000000000000119", "4000000000000044", "5555555555554444", "378282246310005",
            "4242424242424241");
    static final List<String> TOPICS = List.of("test.billing.events", "test.billing-service.dlq");
    private static Map<TopicPartition, Long> startOfRun;

    private CardNumberLeaks() {}

    /** Called before the first test: records on the long-lived broker from earlier runs are not searched again. */
    static synchronized void markStartOfRun() {
        if (startOfRun == null) startOfRun = endOffsets();
    }

    static void assertNowhere() {
        List<String> found = new ArrayList<>();
        String tables = allTablesAsText();
        String log = readLog();
        List<String> records = recordsOfThisRun();
        for (String number : NUMBERS) {
            String spaced = number.replaceAll("(.{4})(?!$)", "$1 ");
            for (String form : List.of(number, spaced)) {
                if (tables.contains(form)) found.add("a table holds " + form.substring(12));
                if (log.contains(form)) found.add("the log holds " + form.substring(12));
                if (records.stream().anyMatch(r -> r.contains(form))) found.add("a Kafka record holds " + form.substring(12));
            }
        }
        assertTrue(!tables.isEmpty() && found.isEmpty(), "full card numbers found: " + found);
    }

    @SuppressWarnings("unchecked")
    private static String allTablesAsText() {
        return QuarkusTransaction.requiringNew().call(() -> {
            var em = Charge.getEntityManager();
            List<String> tables = em.createNativeQuery(
                    "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'").getResultList();
            StringBuilder text = new StringBuilder();
            for (String table : tables) {
                Object rows = em.createNativeQuery("select coalesce(string_agg(t::text, E'\\n'), '') from \"" + table + "\" t").getSingleResult();
                text.append(rows).append('\n');
            }
            return text.toString();
        });
    }

    private static String readLog() {
        try {
            Path log = Path.of(ConfigProvider.getConfig().getValue("quarkus.log.file.path", String.class));
            assertTrue(Files.exists(log), "the test log file exists, so the search means something");
            return Files.readString(log);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> recordsOfThisRun() {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer);
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            partitions.forEach(p -> consumer.seek(p, startOfRun == null ? 0 : startOfRun.getOrDefault(p, 0L)));
            long deadline = System.currentTimeMillis() + 20_000;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }

    private static Map<TopicPartition, Long> endOffsets() {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            return new HashMap<>(consumer.endOffsets(partitions(consumer)));
        }
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, String> consumer) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : TOPICS) {
            consumer.partitionsFor(topic, Duration.ofSeconds(10)).forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        return partitions;
    }

    private static KafkaConsumer<String, String> consumer() {
        Properties config = new Properties();
        config.put("bootstrap.servers", ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        config.put("key.deserializer", StringDeserializer.class.getName());
        config.put("value.deserializer", StringDeserializer.class.getName());
        config.put("group.id", "test-leak-search-" + UUID.randomUUID());
        config.put("enable.auto.commit", "false");
        return new KafkaConsumer<>(config);
    }
}
