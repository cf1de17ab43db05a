package io.imcredits.credits;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Who owns each credit account and its currency, cached: both are fixed when the account opens, so the
 * cache can never be wrong, and a debit's access check and pricing need no query of their own.
 */
@ApplicationScoped
public class AccountOwners {

    private static final int MAX = 100_000;

    public record Owner(UUID customerId, UUID partnerId, String currency) {}

    private final Map<UUID, Owner> owners = new ConcurrentHashMap<>();

    /** The account's owner if this caller may act on it; another tenant's account is as unknown as a missing one. */
    public Owner visibleTo(Caller caller, UUID customerId) {
        Owner owner = owners.get(customerId);
        if (owner == null) {
            CreditAccount account = CreditAccount.visibleTo(caller, customerId);
            owner = new Owner(account.customerId, account.partnerId, account.currency);
            if (owners.size() >= MAX) owners.clear(); // crude bound; refilled from the table on demand
            owners.put(customerId, owner);
        }
        if (!caller.maySee(owner.partnerId(), customerId)) throw new NotFound("No credit account for customer " + customerId);
        return owner;
    }
}
