package io.imcredits.billing;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** An add-on of a customer's subscription, as the last LicenseUpdated listed them. */
@Entity
@Table(name = "active_add_on")
@IdClass(ActiveAddOn.Key.class)
public class ActiveAddOn extends PanacheEntityBase {

    public static class Key implements Serializable {
        public UUID customerId;
        public String code;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(customerId, key.customerId) && Objects.equals(code, key.code);
        }

        @Override
        public int hashCode() {
            return Objects.hash(customerId, code);
        }
    }

    @Id
    @Column(name = "customer_id")
    public UUID customerId;

    @Id
    public String code;

    public String kind;

    public int quantity;

    /** Post-paid and standard add-ons are charged to the card after use; prepaid ones are paid up front. */
    public static List<ActiveAddOn> billingToCard(UUID customerId) {
        return list("customerId = ?1 and kind in ('POSTPAID', 'STANDARD') and quantity > 0 order by code", customerId);
    }

    /** LicenseUpdated lists the subscription's add-ons as they now are: the list replaces the old one. */
    public static void replace(UUID customerId, List<ActiveAddOn> addOns) {
        delete("customerId", customerId);
        addOns.forEach(addOn -> addOn.persist());
    }

    public static ActiveAddOn of(UUID customerId, String code, String kind, int quantity) {
        ActiveAddOn addOn = new ActiveAddOn();
        addOn.customerId = customerId;
        addOn.code = code;
        addOn.kind = kind;
        addOn.quantity = quantity;
        return addOn;
    }
}
