package io.imcredits.customer.rest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.imcredits.customer.Deal;
import io.imcredits.customer.Money;

public record DealView(UUID id, UUID customerId, UUID partnerId, String planCode, int agents, long imCredits,
        Money estimatedValue, LocalDate expectedCloseDate, String notes, String status,
        String decisionReason, Instant decidedAt, Instant createdAt) {

    static DealView from(Deal d) {
        return new DealView(d.id, d.customerId, d.partnerId, d.planCode, d.agents, d.imCredits, d.estimatedValue(),
                d.expectedCloseDate, d.notes, d.status.name(), d.decisionReason, d.decidedAt, d.createdAt);
    }
}
