package io.imcredits.customer;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import io.imcredits.customer.outbox.Outbox;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

@ApplicationScoped
public class Customers {

    /** The details a partner enters for a new customer. */
    public record NewCustomer(String companyName, String contactName, String email, String phone, String country,
            String deskOrgId, String planCode, int agents) {}

    private final Outbox outbox;
    private final Clock clock;

    Customers(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public Customer register(Caller caller, NewCustomer details) {
        Partner partner = Partner.<Partner>findByIdOptional(caller.requirePartner())
                .orElseThrow(() -> new NotFound("Partner " + caller.requirePartner() + " is not onboarded"));
        Customer customer = new Customer();
        customer.id = UUID.randomUUID();
        customer.partnerId = partner.id;
        customer.companyName = details.companyName();
        customer.contactName = details.contactName();
        customer.email = details.email();
        customer.phone = details.phone();
        customer.country = details.country();
        customer.deskOrgId = details.deskOrgId();
        customer.planCode = details.planCode();
        customer.agents = details.agents();
        customer.status = Customer.Status.ACTIVE;
        customer.payer = Customer.Payer.PARTNER; // portal purchases are charged to the partner
        customer.createdAt = customer.updatedAt = now();
        customer.persist();
        outbox.publish(partner.id, customer.id, customer.id,
                new PublishedEvents.CustomerRegistered(customer.id, partner.id, customer.companyName, customer.email,
                        customer.country, partner.currency, customer.deskOrgId, customer.planCode, customer.agents,
                        customer.payer.name()));
        Log.infof("Customer %s registered for partner %s", customer.id, partner.id);
        return customer;
    }

    /**
     * One page of the customers a caller may list: a partner its own, operations everyone's
     * (optionally one partner's, so the console can look a customer up for a deal decision).
     */
    public Page<Customer> list(Caller caller, UUID partnerFilter, String text, Customer.Status status,
            Customer.Order order, int page, int size) {
        UUID partnerId = caller.ops() ? partnerFilter : caller.requirePartner();
        return Customer.search(new Customer.Filter(partnerId, text, status), order, page, size);
    }

    public Customer get(Caller caller, UUID id) {
        return Customer.<Customer>findByIdOptional(id)
                .filter(customer -> caller.maySee(customer.partnerId, customer.id))
                .orElseThrow(() -> notFound(id));
    }

    /** A customer the calling partner owns and may change. */
    Customer owned(Caller caller, UUID id) {
        return Customer.findOwned(caller.requirePartner(), id).orElseThrow(() -> notFound(id));
    }

    /**
     * Customer Details → Update. The client sends the version it read; if someone changed the customer
     * since, nothing changes (409). An update that changes nothing keeps the version and emits nothing.
     */
    @Transactional
    public Customer update(Caller caller, UUID id, Integer expectedVersion, Customer.Details details,
            Map<String, Object> readOnly) {
        Customer customer = owned(caller, id);
        if (expectedVersion == null) {
            throw new VersionRequired("Send the version you read, as the If-Match header or as version in the body, "
                    + "so that an update never overwrites someone else's change unseen");
        }
        if (customer.version != expectedVersion) {
            throw new Conflict("Customer " + id + " was changed since you read it (version " + expectedVersion
                    + ", now " + customer.version + "); read it again and retry");
        }
        refuseChanged(customer, readOnly);
        Map<String, Customer.Change> changes = customer.edit(details);
        if (changes.isEmpty()) return customer;
        customer.updatedAt = now();
        Customer.flush(); // writes the new version (or refuses a concurrent writer), which the event carries
        outbox.publish(customer.partnerId, customer.id, customer.id,
                new PublishedEvents.CustomerUpdated(customer.id, customer.partnerId, customer.companyName,
                        customer.contactName, customer.email, customer.phone, customer.country, customer.deskOrgId,
                        customer.version, changes));
        Log.infof("Customer %s updated to version %d: %s", customer.id, customer.version, changes.keySet());
        return customer;
    }

    /**
     * A client may send back what GET answered: each read-only field it sends (null: not sent) must still be
     * what the customer holds. Checked after the version, so a stale copy is a 409, not a changed updatedAt.
     */
    private static void refuseChanged(Customer customer, Map<String, Object> sent) {
        Map<String, Object> current = customer.readOnly();
        Map<String, String> changed = new TreeMap<>();
        sent.forEach((field, value) -> {
            if (value == null || value.equals(current.get(field))) return;
            changed.put(field, Set.of("planCode", "agents").contains(field)
                    ? "cannot be changed here (the plan changes through a license update): send the value you read or leave it out"
                    : "is read-only: send the value you read or leave it out");
        });
        if (!changed.isEmpty()) throw new ReadOnlyFields(changed);
    }

    /** What PostgreSQL stores (microseconds), so the answer to a write equals what a later GET answers. */
    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    private static NotFound notFound(UUID id) {
        return new NotFound("No customer " + id);
    }
}
