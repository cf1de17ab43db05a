package io.imcredits.credits;

import java.time.Clock;
import java.util.List;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * The rate card, kept in memory: it is small, read on every debit and changes rarely. Rows carry their
 * effective date and the price is chosen by the clock at debit time, so a change published ahead takes
 * effect on its day even between reloads.
 */
@ApplicationScoped
public class RateCard {

    private final Clock clock;
    private volatile List<MessagePricing.Rate> rates;

    RateCard(Clock clock) {
        this.clock = clock;
    }

    /** The price of one message now, in the account's currency. */
    public Money price(MessagePricing.Message message, String currency) {
        return MessagePricing.price(rates(), message, currency, clock.instant())
                .orElseThrow(() -> new Unprocessable("The rate card has no " + message.channel() + " " + message.category()
                        + " rate in " + currency + " for " + message.country()));
    }

    /** The published rows, each filter optional. */
    public List<RateCardEntry> entries(MessagePricing.Channel channel, String country, String currency) {
        return RateCardEntry.all().stream()
                .filter(entry -> channel == null || entry.channel == channel)
                .filter(entry -> country == null || entry.country.equals(country))
                .filter(entry -> currency == null || entry.currency.equals(currency))
                .toList();
    }

    /** Adds a rate from a day on (ops); the current one stays in force until then. */
    @Transactional
    public RateCardEntry publish(RateCardEntry entry) {
        if (RateCardEntry.count("channel = ?1 and country = ?2 and category = ?3 and currency = ?4 and effectiveFrom = ?5",
                entry.channel, entry.country, entry.category, entry.currency, entry.effectiveFrom) > 0) {
            throw new Conflict("A " + entry.currency + " rate for " + entry.channel + " " + entry.category + " " + entry.country
                    + " from " + entry.effectiveFrom + " is already published");
        }
        entry.persist();
        Log.infof("Rate published: %s %s %s %s %s from %s", entry.channel, entry.country, entry.category, entry.price,
                entry.currency, entry.effectiveFrom);
        rates = null; // reload on next use (after this commit); other instances reload on their schedule
        return entry;
    }

    @Scheduled(every = "${credits.rate-card-reload}", delayed = "1m", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void reload() {
        rates = load();
    }

    private List<MessagePricing.Rate> rates() {
        List<MessagePricing.Rate> loaded = rates;
        if (loaded == null) {
            loaded = load();
            rates = loaded;
        }
        return loaded;
    }

    private static List<MessagePricing.Rate> load() {
        return QuarkusTransaction.joiningExisting().call(() -> RateCardEntry.all().stream().map(RateCardEntry::toRate).toList());
    }
}
