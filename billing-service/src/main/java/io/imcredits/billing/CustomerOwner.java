package io.imcredits.billing;

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

    /** The company's name and country as customer-service last told them: what invoices print. */
    @Column(name = "company_name")
    public String companyName;

    public String country;

    public static void register(UUID customerId, UUID partnerId, String companyName, String country, Instant now) {
        CustomerOwner owner = new CustomerOwner();
        owner.customerId = customerId;
        owner.partnerId = partnerId;
        owner.registeredAt = now;
        owner.companyName = companyName;
        owner.country = country;
        owner.persist();
    }

    /** CustomerUpdated carries the current details; a field it leaves out stays as it was. */
    public static void describe(UUID customerId, String companyName, String country) {
        CustomerOwner.<CustomerOwner>findByIdOptional(customerId).ifPresent(owner -> {
            if (companyName != null) owner.companyName = companyName;
            if (country != null) owner.country = country;
        });
    }

    /** The customer if this caller may act on it; another tenant's customer is as unknown as a missing one. */
    public static CustomerOwner visibleTo(Caller caller, UUID customerId) {
        return CustomerOwner.<CustomerOwner>findByIdOptional(customerId)
                .filter(owner -> caller.maySee(owner.partnerId, owner.customerId))
                .orElseThrow(() -> new NotFound("No customer " + customerId));
    }
}
