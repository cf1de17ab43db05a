package io.imcredits.customer.rest;

import java.time.Instant;
import java.util.UUID;

import io.imcredits.customer.Customer;

public record CustomerView(UUID id, UUID partnerId, String companyName, String contactName, String email, String phone,
        String country, String deskOrgId, String planCode, int agents, String status, String payer,
        int version, Instant createdAt, Instant updatedAt) {

    static CustomerView from(Customer c) {
        return new CustomerView(c.id, c.partnerId, c.companyName, c.contactName, c.email, c.phone, c.country, c.deskOrgId,
                c.planCode, c.agents, c.status.name(), c.payer.name(), c.version, c.createdAt, c.updatedAt);
    }
}
