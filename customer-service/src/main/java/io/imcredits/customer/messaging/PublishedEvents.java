package io.imcredits.customer.messaging;

import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;

import io.imcredits.customer.Customer;
import io.imcredits.customer.Money;

/** What this service publishes on customer.events (README, Event data): one record per event type. */
public final class PublishedEvents {

    public interface Event {
        /** The event's type on the wire: the record's simple name. */
        @JsonIgnore
        default String type() {
            return getClass().getSimpleName();
        }
    }

    /** What CustomerRegistered carries; other services keep the ownership and create their records from it. */
    public record CustomerRegistered(UUID customerId, UUID partnerId, String companyName, String email, String country,
            String currency, String deskOrgId, String planCode, int agents, String payer)
            implements Event {}

    /** What CustomerUpdated carries: the current details, the new version and what changed. */
    public record CustomerUpdated(UUID customerId, UUID partnerId, String companyName, String contactName, String email,
            String phone, String country, String deskOrgId, int version,
            Map<String, Customer.Change> changes) implements Event {}

    /** What DealSubmitted carries (README, Event data). */
    public record DealSubmitted(UUID dealId, UUID customerId, String planCode, int agents, long imCredits,
            Money estimatedValue, LocalDate expectedCloseDate) implements Event {}

    private PublishedEvents() {}
}
