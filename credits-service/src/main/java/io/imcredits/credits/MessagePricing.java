package io.imcredits.credits;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * WhatsApp per-message pricing (since July 2025): a delivered template is charged by category and
 * the recipient's country. Service replies are free; a utility template inside an open
 * customer-service window is free; any template inside a free entry-point window is free.
 * The rate in force is the newest one whose effective date has come; country '*' is the default.
 */
public final class MessagePricing {

    public enum Channel {
        WHATSAPP
    }

    public enum Category {
        MARKETING, UTILITY, AUTHENTICATION, SERVICE
    }

    public enum Window {
        NONE, CUSTOMER_SERVICE, FREE_ENTRY_POINT
    }

    public static final String ANY_COUNTRY = "*";

    /** One published price: from effectiveFrom on, until a newer row for the same key takes over. */
    public record Rate(Channel channel, String country, Category category, String currency, BigDecimal price, Instant effectiveFrom) {}

    /** What is being sent: the inputs of the price. */
    public record Message(Channel channel, String country, Category category, Window window) {}

    private MessagePricing() {}

    /** Whether WhatsApp charges nothing for this message whatever the rate card says. */
    public static boolean isFree(Category category, Window window) {
        return category == Category.SERVICE
                || window == Window.FREE_ENTRY_POINT
                || (window == Window.CUSTOMER_SERVICE && category == Category.UTILITY);
    }

    /** The price of one message in the given currency at the given instant, or empty if the card has no rate for it. */
    public static Optional<Money> price(List<Rate> card, Message message, String currency, Instant at) {
        if (isFree(message.category(), message.window())) return Optional.of(Money.zero(currency));
        return inForce(card, message, message.country(), currency, at)
                .or(() -> inForce(card, message, ANY_COUNTRY, currency, at))
                .map(rate -> new Money(rate.price(), currency));
    }

    private static Optional<Rate> inForce(List<Rate> card, Message message, String country, String currency, Instant at) {
        return card.stream()
                .filter(rate -> rate.channel() == message.channel() && rate.category() == message.category()
                        && rate.country().equals(country) && rate.currency().equals(currency)
                        && !rate.effectiveFrom().isAfter(at))
                .max(Comparator.comparing(Rate::effectiveFrom));
    }
}
