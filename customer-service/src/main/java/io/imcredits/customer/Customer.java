package io.imcredits.customer;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Version;

/** A customer company mapped to one partner. */
@Entity
public class Customer extends PanacheEntityBase {

    public enum Status { ACTIVE, SUSPENDED, CLOSED }

    /** Who pays for purchases: the partner's card (reseller card) or the customer's own. */
    public enum Payer { PARTNER, CUSTOMER }

    @Id
    public UUID id;

    @Column(name = "partner_id")
    public UUID partnerId;

    @Column(name = "company_name")
    public String companyName;

    @Column(name = "contact_name")
    public String contactName;

    public String email;

    public String phone;

    public String country;

    @Column(name = "desk_org_id")
    public String deskOrgId;

    @Column(name = "plan_code")
    public String planCode;

    public int agents;

    @Enumerated(EnumType.STRING)
    public Status status;

    @Enumerated(EnumType.STRING)
    public Payer payer;

    @Version
    public int version;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public static Optional<Customer> findOwned(UUID partnerId, UUID id) {
        return find("partnerId = ?1 and id = ?2", partnerId, id).firstResultOptional();
    }
}
