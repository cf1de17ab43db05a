package io.imcredits.customer;

import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import io.imcredits.customer.outbox.ExportedEvent;

/** What this service publishes on customer.events (README, Event data): one record per event type. */
public final class PublishedEvents {

    /** What CustomerRegistered carries; other services keep the ownership and create their records from it. */
    public record CustomerRegistered(UUID customerId, UUID partnerId, String companyName, String email, String country,
            String currency, String deskOrgId, String planCode, int agents, String payer)
            implements ExportedEvent {}

    /** What CustomerUpdated carries: the current details, the new version and what changed. */
    public record CustomerUpdated(UUID customerId, UUID partnerId, String companyName, String contactName, String email,
            String phone, String country, String deskOrgId, int version,
            Map<String, Customer.Change> changes) implements ExportedEvent {}

    /** What DealSubmitted carries (README, Event data). */
    public record DealSubmitted(UUID dealId, UUID customerId, String planCode, int agents, long imCredits,
            Money estimatedValue, LocalDate expectedCloseDate) implements ExportedEvent {}

    private PublishedEvents() {}
}
