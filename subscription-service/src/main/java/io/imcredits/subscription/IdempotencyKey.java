package io.imcredits.subscription;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** An Idempotency-Key a partner used, what it confirmed (as a hash) and the order it made. */
@Entity
@Table(name = "idempotency_key")
@IdClass(IdempotencyKey.Id.class)
public class IdempotencyKey extends PanacheEntityBase {

    public record Id(UUID partnerId, String key) implements java.io.Serializable {
        public Id() {
            this(null, null);
        }
    }

    @jakarta.persistence.Id
    @Column(name = "partner_id")
    public UUID partnerId;

    @jakarta.persistence.Id
    public String key;

    @Column(name = "request_hash")
    public String requestHash;

    @Column(name = "order_id")
    public UUID orderId;

    /**
     * Claims a key for a new order. A concurrent claim of the same key waits here until the first
     * transaction ends (PostgreSQL's unique index), so one key makes one order however many requests race.
     * False when the key was already taken.
     */
    public static boolean claim(UUID partnerId, String key, String requestHash, UUID orderId) {
        return getEntityManager().createNativeQuery("""
                insert into idempotency_key (partner_id, key, request_hash, order_id)
                values (?1, ?2, ?3, ?4) on conflict do nothing""")
                .setParameter(1, partnerId).setParameter(2, key).setParameter(3, requestHash).setParameter(4, orderId)
                .executeUpdate() == 1;
    }

    public static IdempotencyKey find(UUID partnerId, String key) {
        return findById(new Id(partnerId, key));
    }

    public static String hash(UUID customerId, UUID quoteId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((customerId + ":" + quoteId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
