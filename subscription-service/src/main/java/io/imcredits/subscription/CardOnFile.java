package io.imcredits.subscription;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** That a customer has a card on file, as billing-service told us (it alone holds the card's token). */
@Entity
@Table(name = "card_on_file")
public class CardOnFile extends PanacheEntityBase {

    @Id
    @Column(name = "customer_id")
    public UUID customerId;

    public String brand;

    public String last4;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public static void remember(UUID customerId, String brand, String last4, Instant now) {
        CardOnFile card = CardOnFile.<CardOnFile>findByIdOptional(customerId).orElseGet(CardOnFile::new);
        card.customerId = customerId;
        card.brand = brand;
        card.last4 = last4;
        card.updatedAt = now;
        card.persist();
    }

    public static void forget(UUID customerId) {
        deleteById(customerId);
    }

    public static boolean existsFor(UUID customerId) {
        return findByIdOptional(customerId).isPresent();
    }
}
