package io.imcredits.credits;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * The hold life cycle, in TigerBeetle's words: a hold is placed (pending, status OPEN), then posted on delivery
 * (SETTLED), voided on failure (RELEASED) or timed out by the sweep when nobody did either within
 * credits.hold-ttl (EXPIRED). One hold closes once.
 *
 * Locking: placing a hold is one guarded UPDATE of the account row (see CreditAccount.move) followed by one
 * ledger INSERT, in a short transaction, as a debit alone is (see Debits).
 */
@ApplicationScoped
public class Holds {

    /** WhatsApp's pricing type of a delivered message: only REGULAR is charged. */
    public enum PricingType {
        REGULAR, FREE_CUSTOMER_SERVICE, FREE_ENTRY_POINT
    }

    private final AccountOwners owners;
    private final RateCard rateCard;
    private final BalanceAlerts alerts;
    private final CreditsConfig config;
    private final Clock clock;

    Holds(AccountOwners owners, RateCard rateCard, BalanceAlerts alerts, CreditsConfig config, Clock clock) {
        this.owners = owners;
        this.rateCard = rateCard;
        this.alerts = alerts;
        this.config = config;
        this.clock = clock;
    }

    /** Places a hold (pending): sets the price of one message aside; the same message id answers the hold it already has. */
    public Hold place(Caller caller, UUID customerId, Spend spend) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> placeOnce(caller, customerId, spend));
        } catch (AlreadyApplied e) {
            return QuarkusTransaction.requiringNew().call(() -> Hold.findForMessage(customerId, spend.messageId()).orElseThrow());
        }
    }

    private Hold placeOnce(Caller caller, UUID customerId, Spend spend) {
        AccountOwners.Owner account = owners.visibleTo(caller, customerId);
        Money price = rateCard.price(spend.message(), account.currency());
        Instant now = clock.instant();
        // holds need prepaid credits: a sender wants certainty, post-paid overage is for plain debits
        CreditAccount.Moved moved = CreditAccount.move(customerId, price.amount().negate(), price.amount(), now)
                .orElseThrow(() -> Hold.findForMessage(customerId, spend.messageId()).isPresent()
                        ? new AlreadyApplied() : new InsufficientCredits(current(customerId), price));
        UUID id = UUID.randomUUID();
        if (!Hold.place(id, customerId, spend.messageId(), price, now.plus(config.holdTtl()), now)) {
            throw new AlreadyApplied();
        }
        // set aside from the earliest-expiring credits, as a spend would: an expiry meanwhile cannot take the others;
        // a void or a time-out gives them back to the same lots
        CreditLot.spend(customerId, List.of(new CreditLot.Take("hold:" + id, price.amount())), moved.expiring());
        LedgerEntry.append(customerId, LedgerEntry.Type.HOLD, price.amount().negate(), moved.change().after(), "hold:" + id,
                spend.description() + " for message " + spend.messageId(), "hold:" + id, now);
        alerts.after(moved, customerId, "hold:" + id);
        Log.infof("Held %s for message %s of customer %s (hold %s)", price.amount(), spend.messageId(), customerId, id);
        return Hold.findById(id);
    }

    /**
     * Posts a hold on delivery (status SETTLED): the held price is spent, or returned if WhatsApp did not charge
     * the message. Posting twice is harmless.
     */
    @Transactional
    public Hold post(Caller caller, UUID customerId, UUID holdId, PricingType pricingType) {
        owners.visibleTo(caller, customerId);
        return close(customerId, holdId, Hold.Status.SETTLED, pricingType == PricingType.REGULAR);
    }

    /** Voids a hold on failure (status RELEASED): the held price goes back to the balance. Voiding twice is harmless. */
    @Transactional
    public Hold voidHold(Caller caller, UUID customerId, UUID holdId) {
        owners.visibleTo(caller, customerId);
        return close(customerId, holdId, Hold.Status.RELEASED, false);
    }

    /** Times out a hold nobody posted or voided within credits.hold-ttl (status EXPIRED; the sweep). */
    @Transactional
    public void timeOut(UUID customerId, UUID holdId) {
        close(customerId, holdId, Hold.Status.EXPIRED, false);
    }

    private Hold close(UUID customerId, UUID holdId, Hold.Status outcome, boolean spends) {
        Hold hold = Hold.lockOwned(customerId, holdId).orElseThrow(() -> new NotFound("No hold " + holdId));
        if (hold.status == outcome) return hold; // a retried post or void
        if (hold.status != Hold.Status.OPEN) {
            throw new Conflict("Hold " + holdId + " is already " + hold.status.name().toLowerCase());
        }
        Instant now = clock.instant();
        BigDecimal expired = BigDecimal.ZERO;
        if (!spends) {
            // what is not spent goes back to the lots it was set aside from, less what has expired there since;
            // lots change only under their account's lock (a post needs neither)
            CreditAccount.lock(customerId);
            expired = CreditLot.giveBack(customerId, "hold:" + holdId, now);
        }
        BigDecimal returned = spends ? BigDecimal.ZERO : hold.amount.subtract(expired);
        hold.status = outcome;
        hold.spent = spends ? hold.amount : BigDecimal.ZERO;
        hold.closedAt = now;
        CreditAccount.Moved moved = CreditAccount.move(customerId, returned, hold.amount.negate(), now).orElseThrow();
        LedgerEntry.Type type = outcome == Hold.Status.SETTLED ? LedgerEntry.Type.SETTLE : LedgerEntry.Type.RELEASE;
        // the key is per hold, not per outcome: one hold closes once
        LedgerEntry.append(customerId, type, returned, moved.change().after(), "hold:" + holdId,
                outcome.name().toLowerCase() + " for message " + hold.messageId + CreditLot.writtenOff(expired), "close:" + holdId, now);
        Log.infof("Hold %s of customer %s %s: %s spent", holdId, customerId, outcome, hold.spent);
        return hold;
    }

    private static Money current(UUID customerId) {
        CreditAccount account = CreditAccount.findById(customerId);
        return account.availableMoney();
    }
}
