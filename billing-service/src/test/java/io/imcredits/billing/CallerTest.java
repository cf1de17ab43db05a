package io.imcredits.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import io.quarkus.security.AuthenticationFailedException;

/** Who a token speaks for comes only from the claim of its own role. */
class CallerTest {

    static final UUID PARTNER = UUID.randomUUID();
    static final UUID CUSTOMER = UUID.randomUUID();
    static final UUID OTHER_PARTNERS_CUSTOMER = UUID.randomUUID();

    @Test
    void shouldIgnoreAPartnerIdOnADeskToken() {
        Caller desk = Caller.of(token(Set.of(Caller.DESK), Map.of("customer_id", CUSTOMER.toString(), "partner_id", PARTNER.toString())));
        assertEquals(Optional.empty(), desk.partnerId());
        assertTrue(desk.maySee(PARTNER, CUSTOMER));
        assertFalse(desk.maySee(PARTNER, UUID.randomUUID()), "the partner's other customers");
    }

    @Test
    void shouldIgnoreACustomerIdOnAPartnerToken() {
        Caller partner = Caller.of(token(Set.of(Caller.PARTNER),
                Map.of("partner_id", PARTNER.toString(), "customer_id", OTHER_PARTNERS_CUSTOMER.toString())));
        assertEquals(Optional.empty(), partner.customerId());
        assertFalse(partner.maySee(UUID.randomUUID(), OTHER_PARTNERS_CUSTOMER));
        assertTrue(partner.maySee(PARTNER, CUSTOMER));
    }

    @Test
    void shouldReadOpsFromItsRoleOnly() {
        assertTrue(Caller.of(token(Set.of(Caller.OPS), Map.of())).ops());
        assertFalse(Caller.of(token(Set.of(Caller.PARTNER), Map.of("partner_id", PARTNER.toString(), "ops", true))).ops());
    }

    /** rest/VerifiedTokens turns each of these into 401 before any operation runs. */
    @Test
    void shouldRefuseATokenItCannotUse() {
        assertThrows(AuthenticationFailedException.class, () -> Caller.of(token(Set.of(Caller.PARTNER), Map.of("customer_id", CUSTOMER.toString()))));
        assertThrows(AuthenticationFailedException.class, () -> Caller.of(token(Set.of(Caller.PARTNER), Map.of("partner_id", "not-a-uuid"))));
        assertThrows(AuthenticationFailedException.class, () -> Caller.of(token(Set.of(Caller.DESK), Map.of("partner_id", PARTNER.toString()))));
        assertThrows(AuthenticationFailedException.class, () -> Caller.of(token(Set.of("offline_access"), Map.of("partner_id", PARTNER.toString()))));
    }

    private static JsonWebToken token(Set<String> groups, Map<String, Object> claims) {
        Map<String, Object> all = new HashMap<>(claims);
        all.put("sub", "someone");
        all.put("groups", groups);
        return new JsonWebToken() {
            @Override
            public String getName() {
                return "someone";
            }

            @Override
            public Set<String> getClaimNames() {
                return all.keySet();
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String name) {
                return (T) all.get(name);
            }
        };
    }
}
