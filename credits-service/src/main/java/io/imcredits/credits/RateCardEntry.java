package io.imcredits.credits;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A published per-message price (see MessagePricing.Rate); rows are added for future days, never edited. */
@Entity
@Table(name = "rate")
public class RateCardEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Enumerated(EnumType.STRING)
    public MessagePricing.Channel channel;

    public String country;

    @Enumerated(EnumType.STRING)
    public MessagePricing.Category category;

    public String currency;

    public BigDecimal price;

    @Column(name = "effective_from")
    public Instant effectiveFrom;

    public static List<RateCardEntry> all() {
        return listAll(Sort.by("channel", "country", "category", "currency", "effectiveFrom"));
    }

    public MessagePricing.Rate toRate() {
        return new MessagePricing.Rate(channel, country, category, currency, price, effectiveFrom);
    }
}
