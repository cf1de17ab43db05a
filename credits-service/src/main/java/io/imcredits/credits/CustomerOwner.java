package io.imcredits.credits;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Which partner owns which customer, learnt from CustomerRegistered: the basis of every access check here. */
@Entity
@Table(name = "customer_owner")
public class CustomerOwner extends PanacheEntityBase {

    @Id
    @Column(name = "customer_id")
    public UUID customerId;

    @Column(name = "partner_id")
    public UUID partnerId;

    @Column(name = "registered_at")
    public Instant registeredAt;

    public static void register(UUID customerId, UUID partnerId, Instant now) {
        CustomerOwner owner = new CustomerOwner();
        owner.customerId = customerId;
        owner.partnerId = partnerId;
        owner.registeredAt = now;
        owner.persist();
    }

    /** The customer if this caller may act on it; another tenant's customer is as unknown as a missing one. */
    public static CustomerOwner visibleTo(Caller caller, UUID customerId) {
        return CustomerOwner.<CustomerOwner>findByIdOptional(customerId)
                .filter(owner -> caller.maySee(owner.partnerId, owner.customerId))
                .orElseThrow(() -> new NotFound("No customer " + customerId));
    }
}
