package io.imcredits.customer;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** A reseller partner: it maps customer companies to itself and pays for what it buys for them. */
@Entity
public class Partner extends PanacheEntityBase {

    @Id
    public UUID id;

    public String name;

    public String country;

    public String currency;

    @Column(name = "created_at")
    public Instant createdAt;
}
