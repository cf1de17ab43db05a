package io.imcredits.customer;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.hibernate.exception.ConstraintViolationException;

import io.imcredits.customer.outbox.Outbox;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

@ApplicationScoped
public class Deals {

    private final Customers customers;
    private final Outbox outbox;
    private final Clock clock;

    Deals(Customers customers, Outbox outbox, Clock clock) {
        this.customers = customers;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public Deal submit(Caller caller, UUID customerId, Deal.Estimate estimate) {
        Customer customer = customers.owned(caller, customerId);
        Deal.findOpen(customerId, estimate.planCode()).ifPresent(open -> {
            throw openDealConflict(open.id, estimate.planCode());
        });
        Deal deal = Deal.submitted(customer, estimate, Instant.now(clock));
        try {
            deal.persistAndFlush();
        } catch (PersistenceException e) {
            // a concurrent submit got past findOpen too; the partial unique index let only one of them in
            if (violates(e, "deal_one_open_per_plan")) throw openDealConflict(null, estimate.planCode());
            throw e;
        }
        outbox.publish(customer.partnerId, customer.id, deal.id,
                new PublishedEvents.DealSubmitted(deal.id, customer.id, deal.planCode, deal.agents, deal.imCredits,
                        deal.estimatedValue(), deal.expectedCloseDate));
        Log.infof("Deal %s submitted for customer %s (plan %s)", deal.id, customer.id, deal.planCode);
        return deal;
    }

    public Page<Deal> list(Caller caller, UUID customerId, int page, int size) {
        return Deal.pageForCustomer(customers.get(caller, customerId).id, page, size);
    }

    public Deal get(Caller caller, UUID customerId, UUID dealId) {
        return Deal.findForCustomer(customers.get(caller, customerId).id, dealId)
                .orElseThrow(() -> new NotFound("No deal " + dealId + " for customer " + customerId));
    }

    /** Operations approve or reject a submitted deal; the partner sees the decision and its reason. */
    @Transactional
    public Deal decide(Caller caller, UUID customerId, UUID dealId, Deal.Status decision, String reason) {
        Deal deal = get(caller, customerId, dealId);
        deal.decide(decision, reason, Instant.now(clock));
        Deal.flush(); // a concurrent decision fails here (version check, 409) rather than at commit
        Log.infof("Deal %s of customer %s %s by %s", deal.id, customerId, decision, caller.subject());
        return deal;
    }

    private static boolean violates(Throwable e, String constraint) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConstraintViolationException violation) return constraint.equals(violation.getConstraintName());
        }
        return false;
    }

    private static Conflict openDealConflict(UUID openDealId, String planCode) {
        return new Conflict("Customer already has an open deal" + (openDealId == null ? "" : " " + openDealId)
                + " for plan " + planCode + " (SUBMITTED); wait for its decision before submitting another");
    }
}
