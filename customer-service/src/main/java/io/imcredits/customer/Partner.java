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

    /**
     * The billing currencies a partner may have, and so a deal may be estimated in (Money itself takes any ISO
     * 4217 code): a regular expression, as the API's @Pattern checks it.
     */
    public static final String CURRENCIES = "USD|EUR|GBP|INR|AUD";
    public static final String CURRENCIES_MESSAGE = "must be a supported currency: USD, EUR, GBP, INR or AUD";

    @Id
    public UUID id;

    public String name;

    public String country;

    public String currency;

    @Column(name = "created_at")
    public Instant createdAt;
}
