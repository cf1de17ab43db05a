package io.imcredits.customer;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

@ApplicationScoped
public class Partners {

    public record PartnerDetails(String name, String country, String currency) {}

    private final Clock clock;

    Partners(Clock clock) {
        this.clock = clock;
    }

    public Partner me(Caller caller) {
        UUID id = caller.requirePartner();
        return Partner.<Partner>findByIdOptional(id).orElseThrow(() -> new NotFound("Partner " + id + " is not onboarded"));
    }

    /** Operations onboard a partner under a known id (idempotent: onboarding again updates the details). */
    @Transactional
    public Partner onboard(UUID id, PartnerDetails details) {
        Partner partner = Partner.<Partner>findByIdOptional(id).orElseGet(() -> {
            Partner created = new Partner();
            created.id = id;
            created.createdAt = Instant.now(clock);
            return created;
        });
        partner.name = details.name();
        partner.country = details.country();
        partner.currency = details.currency();
        partner.persist();
        Log.infof("Partner %s onboarded (%s, %s)", id, details.country(), details.currency());
        return partner;
    }
}
