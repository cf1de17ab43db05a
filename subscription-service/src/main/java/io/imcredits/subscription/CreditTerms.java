package io.imcredits.subscription;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/** How IM credits sell: the messaging balance one credit buys per currency, the fee on top, and the order limits. */
public record CreditTerms(Map<String, BigDecimal> pricePerCredit, BigDecimal feePercent, int minPerOrder, int maxPerOrder) {

    public static CreditTerms from(SubscriptionConfig.Credits config) {
        return new CreditTerms(config.price(), config.feePercent(), config.minPerOrder(), config.maxPerOrder());
    }

    public Optional<BigDecimal> price(String currency) {
        return Optional.ofNullable(pricePerCredit.get(currency));
    }
}
