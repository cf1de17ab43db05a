package io.imcredits.billing;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A customer's card on file: the gateway's token and what may be shown, never the number or the CVC. */
@Entity
@Table(name = "card")
public class Card extends PanacheEntityBase {

    /** Who pays with this card and receives the invoices: a reseller card makes the partner the payer. */
    public enum Payer {
        PARTNER, CUSTOMER
    }

    @Id
    @Column(name = "customer_id")
    public UUID customerId;

    @Column(name = "gateway_token")
    public String gatewayToken;

    public String brand;

    public String last4;

    @Column(name = "exp_month")
    public int expMonth;

    @Column(name = "exp_year")
    public int expYear;

    @Column(name = "holder_name")
    public String holderName;

    @Column(name = "billing_country")
    public String billingCountry;

    @Enumerated(EnumType.STRING)
    public Payer payer;

    @Column(name = "payer_id")
    public UUID payerId;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
