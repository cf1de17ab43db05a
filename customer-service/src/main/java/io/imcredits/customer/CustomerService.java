package io.imcredits.customer;

import java.time.Instant;
import java.util.UUID;

import io.imcredits.customer.messaging.Outbox;
import io.quarkus.panache.common.Sort;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

@ApplicationScoped
public class CustomerService {

    /** What CustomerRegistered carries; other services keep the ownership and create their records from it. */
    public record CustomerRegistered(UUID customerId, UUID partnerId, String companyName, String email, String country,
                                     String currency, String deskOrgId, String planCode, int agents, String payer) {
    }

    /** The details a partner enters for a new customer. */
    public record NewCustomer(String companyName, String contactName, String email, String phone, String country,
                              String deskOrgId, String planCode, int agents) {
    }

    private final Outbox outbox;

    CustomerService(Outbox outbox) {
        this.outbox = outbox;
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
        customer.createdAt = customer.updatedAt = Instant.now();
        customer.persist();
        outbox.publish("CustomerRegistered", partner.id, customer.id, customer.id,
                new CustomerRegistered(customer.id, partner.id, customer.companyName, customer.email, customer.country,
                        partner.currency, customer.deskOrgId, customer.planCode, customer.agents, customer.payer.name()));
        Log.infof("Customer %s registered for partner %s", customer.id, partner.id);
        return customer;
    }

    /** One page of the calling partner's customers, newest first. */
    public Page<Customer> list(Caller caller, int page, int size) {
        var query = Customer.find("partnerId", Sort.descending("createdAt").and("id"), caller.requirePartner());
        return new Page<>(query.page(page, size).list(), page, size, query.count());
    }

    public Customer get(Caller caller, UUID id) {
        return Customer.<Customer>findByIdOptional(id)
                .filter(customer -> caller.maySee(customer.partnerId, customer.id))
                .orElseThrow(() -> new NotFound("No customer " + id));
    }
}
