package io.imcredits.credits;

import java.time.Instant;
import java.util.UUID;

/**
 * A paid order's credits to grant: whose, for which order, how many credits for what amount, and when they
 * can no longer be spent (expiresAt null: never). correlationId follows the purchase through its events.
 */
public record Grant(UUID orderId, UUID customerId, UUID partnerId, UUID correlationId, long credits, Money amount, Instant expiresAt) {}
