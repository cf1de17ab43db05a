package io.imcredits.customer;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * An exact amount in one of the currencies the system bills in; never floating point. Written as the
 * API and the events carry money: {"amount": "12.50", "currency": "USD"}, those two keys only (a helper
 * added here must not look like a bean getter, or Jackson writes it too: see DealTest).
 */
public record Money(
        @Schema(type = SchemaType.STRING, example = "250000.50") @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
        @Schema(example = "USD") String currency) {

    /** The billing currencies partners may have (see PartnerView.Request). */
    public static final Set<String> CURRENCIES = Set.of("USD", "EUR", "GBP", "INR", "AUD");
    /** The database keeps numeric(19,4): WhatsApp rates have four decimals. */
    public static final int MAX_SCALE = 4;

    /** Keeps the amount with two to four decimals, so 12.5 and 12.5000 are both "12.50". */
    public Money {
        Objects.requireNonNull(amount, "amount");
        if (currency == null || !CURRENCIES.contains(currency)) throw new IllegalArgumentException("Unsupported currency " + currency);
        BigDecimal stripped = amount.stripTrailingZeros();
        if (stripped.scale() > MAX_SCALE) throw new IllegalArgumentException("More than 4 decimals: " + amount);
        amount = stripped.scale() < 2 ? stripped.setScale(2) : stripped;
    }
}
