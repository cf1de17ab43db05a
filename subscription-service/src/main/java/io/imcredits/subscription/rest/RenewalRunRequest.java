package io.imcredits.subscription.rest;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Run the renewals due up to until (default: now), of one customer or of all. */
@Schema(example = """
        {"until": "2026-12-31T00:00:00Z", "customerId": "526fd599-3a7c-4e4b-9d55-1c1f1e0f0a11"}""")
public record RenewalRunRequest(Instant until, UUID customerId) {}
