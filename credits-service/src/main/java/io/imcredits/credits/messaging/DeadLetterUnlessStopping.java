package io.imcredits.credits.messaging;

import java.util.function.BiConsumer;

import org.eclipse.microprofile.reactive.messaging.Metadata;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaConnectorIncomingConfiguration;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.smallrye.reactive.messaging.kafka.fault.KafkaFailureHandler;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The consumers' failure strategy ({@code failure-strategy=dead-letter-unless-stopping}): a record that
 * failed goes to the dead-letter topic, as with Kafka's own {@code dead-letter-queue}, unless the service
 * is stopping. Then it is neither dead-lettered nor acknowledged, so its offset is never committed and
 * the next instance (or this one, started again) processes it: a deploy loses no event.
 * Each record dead-lettered counts in imcredits_dead_letters_total{channel} (alert DeadLetterWritten).
 */
@ApplicationScoped
@Identifier(DeadLetterUnlessStopping.NAME)
public class DeadLetterUnlessStopping implements KafkaFailureHandler.Factory {

    static final String NAME = "dead-letter-unless-stopping";

    private final KafkaFailureHandler.Factory deadLetters;
    private final Stopping stopping;
    private final MeterRegistry registry;

    DeadLetterUnlessStopping(@Identifier(KafkaFailureHandler.Strategy.DEAD_LETTER_QUEUE) KafkaFailureHandler.Factory deadLetters,
            Stopping stopping, MeterRegistry registry) {
        this.deadLetters = deadLetters;
        this.stopping = stopping;
        this.registry = registry;
    }

    @Override
    public KafkaFailureHandler create(KafkaConnectorIncomingConfiguration config, Vertx vertx, KafkaConsumer<?, ?> consumer,
            BiConsumer<Throwable, Boolean> reportFailure) {
        KafkaFailureHandler deadLetter = deadLetters.create(config, vertx, consumer, reportFailure);
        // registered with the channel, at 0: increase() in an alert sees the first one
        Counter deadLettered = Counter.builder("imcredits.dead.letters").description("Records sent to the dead-letter topic")
                .tag("channel", config.getChannel()).register(registry);
        return new KafkaFailureHandler() {
            @Override
            public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record, Throwable reason, Metadata metadata) {
                if (!stopping.now()) return deadLetter.handle(record, reason, metadata).invoke(() -> deadLettered.increment());
                Log.infof("Left %s-%d offset %d for the next instance: the service is stopping",
                        record.getTopic(), record.getPartition(), record.getOffset());
                return Uni.createFrom().nothing();
            }

            @Override
            public void terminate() {
                deadLetter.terminate();
            }
        };
    }
}
