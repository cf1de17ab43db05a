package io.imcredits.billing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** What a successful charge issues: numbered without gaps per year, addressed to the payer. */
@Entity
@Table(name = "invoice")
public class Invoice extends PanacheEntityBase {

    public enum Status {
        PAID, REFUNDED
    }

    @Id
    public UUID id;

    public String number;

    @Column(name = "customer_id")
    public UUID customerId;

    @Column(name = "partner_id")
    public UUID partnerId;

    @Enumerated(EnumType.STRING)
    public Card.Payer payer;

    @Column(name = "payer_id")
    public UUID payerId;

    @Column(name = "order_id")
    public UUID orderId;

    @Column(name = "charge_id")
    public UUID chargeId;

    public String currency;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<InvoiceLine> lines;

    public BigDecimal subtotal;

    public BigDecimal fee;

    public BigDecimal total;

    @Enumerated(EnumType.STRING)
    public Status status;

    @Column(name = "card_brand")
    public String cardBrand;

    @Column(name = "card_last4")
    public String cardLast4;

    @Column(name = "issued_at")
    public Instant issuedAt;

    @Column(name = "paid_at")
    public Instant paidAt;

    @Column(name = "refunded_at")
    public Instant refundedAt;

    /** Names and countries as they were when the invoice was issued: an issued invoice does not change. */
    @Column(name = "customer_name")
    public String customerName;

    @Column(name = "customer_country")
    public String customerCountry;

    @Column(name = "payer_name")
    public String payerName;

    @Column(name = "billing_country")
    public String billingCountry;

    /** Percent; null when no rate is configured for the billing country. The total includes the tax. */
    @Column(name = "tax_rate")
    public BigDecimal taxRate;

    public BigDecimal tax;

    @Column(name = "period_start")
    public Instant periodStart;

    @Column(name = "seller_name")
    public String sellerName;

    @Column(name = "seller_address")
    public String sellerAddress;

    @Column(name = "seller_tax_id")
    public String sellerTaxId;

    @Column(name = "seller_email")
    public String sellerEmail;

    @Column(name = "period_end")
    public Instant periodEnd;

    public static PanacheQuery<Invoice> ofCustomer(UUID customerId) {
        return find("customerId", Sort.descending("issuedAt").and("number", Sort.Direction.Descending), customerId);
    }

    public Money money(BigDecimal amount) {
        return Money.of(amount, currency);
    }
}
