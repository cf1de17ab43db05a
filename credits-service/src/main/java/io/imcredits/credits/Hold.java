package io.imcredits.credits;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

/** The price of one message set aside until its delivery settles it or its failure (or the sweep) releases it. */
@Entity
@Table(name = "credit_hold")
public class Hold extends PanacheEntityBase {

    public enum Status {
        OPEN, SETTLED, RELEASED, EXPIRED
    }

    @Id
    public UUID id;

    @Column(name = "customer_id")
    public UUID customerId;

    @Column(name = "message_id")
    public String messageId;

    public BigDecimal amount;

    public String currency;

    /** What settling spent: the amount, or zero for a message WhatsApp did not charge. */
    public BigDecimal spent;

    @Enumerated(EnumType.STRING)
    public Status status;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "closed_at")
    public Instant closedAt;

    /** Records a new open hold; false if this message already has one (the caller answers that one). */
    public static boolean place(UUID id, UUID customerId, String messageId, Money amount, Instant expiresAt, Instant now) {
        return getEntityManager().createNativeQuery("""
                insert into credit_hold (id, customer_id, message_id, amount, currency, status, expires_at, created_at)
                values (?1, ?2, ?3, ?4, ?5, 'OPEN', ?6, ?7) on conflict (customer_id, message_id) do nothing""")
                .setParameter(1, id).setParameter(2, customerId).setParameter(3, messageId).setParameter(4, amount.amount())
                .setParameter(5, amount.currency()).setParameter(6, expiresAt).setParameter(7, now)
                .executeUpdate() == 1;
    }

    /** The hold, locked until the transaction ends so that a settle and a release of it cannot both win. */
    public static Optional<Hold> lockOwned(UUID customerId, UUID id) {
        return Hold.<Hold>findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE).filter(hold -> hold.customerId.equals(customerId));
    }

    public static Optional<Hold> findForMessage(UUID customerId, String messageId) {
        return find("customerId = ?1 and messageId = ?2", customerId, messageId).firstResultOptional();
    }

    /** Open holds whose time is up, oldest first. */
    /** How many holds are open (placed, not yet posted, voided or expired). */
    public static long countOpen() {
        return count("status", Status.OPEN);
    }

    public static List<Hold> expiredOpen(Instant now, int limit) {
        return find("status = ?1 and expiresAt < ?2 order by expiresAt", Status.OPEN, now).page(0, limit).list();
    }

    public Money amountMoney() {
        return new Money(amount, currency);
    }

    public Money spentMoney() {
        return spent == null ? null : new Money(spent, currency);
    }
}
