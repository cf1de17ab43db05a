package io.imcredits.subscription;

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

/** Each claim counts only with its role: who a token speaks for never comes from a claim its role does not own. */
class CallerTest {

    static final UUID PARTNER = UUID.randomUUID();
    static final UUID CUSTOMER = UUID.randomUUID();
    static final UUID ANOTHER_CUSTOMER = UUID.randomUUID();

    /** A Desk token that also carries its partner's partner_id sees its own customer only, not the partner's others. */
    @Test
    void shouldIgnoreAPartnerIdOnADeskToken() {
        Caller desk = Caller.of(token(Set.of(Caller.DESK), Map.of("customer_id", CUSTOMER.toString(), "partner_id", PARTNER.toString())));
        assertEquals(Optional.empty(), desk.partnerId());
        assertTrue(desk.maySee(PARTNER, CUSTOMER));
        assertFalse(desk.maySee(PARTNER, ANOTHER_CUSTOMER));
    }

    /** A partner token that also carries another partner's customer's customer_id cannot see that customer. */
    @Test
    void shouldIgnoreACustomerIdOnAPartnerToken() {
        Caller partner = Caller.of(token(Set.of(Caller.PARTNER), Map.of("partner_id", PARTNER.toString(), "customer_id", ANOTHER_CUSTOMER.toString())));
        assertEquals(Optional.empty(), partner.customerId());
        assertFalse(partner.maySee(UUID.randomUUID(), ANOTHER_CUSTOMER));
        assertTrue(partner.maySee(PARTNER, CUSTOMER));
    }

    @Test
    void shouldReadOpsFromItsRoleOnly() {
        assertTrue(Caller.of(token(Set.of(Caller.OPS), Map.of())).ops());
        assertFalse(Caller.of(token(Set.of(Caller.PARTNER), Map.of("partner_id", PARTNER.toString(), "ops", true))).ops());
    }

    @Test
    void shouldRefuseATokenItCannotUse() {
        assertThrows(AuthenticationFailedException.class, () -> Caller.of(token(Set.of(Caller.PARTNER), Map.of("customer_id", CUSTOMER.toString()))));
        assertThrows(AuthenticationFailedException.class, () -> Caller.of(token(Set.of(Caller.PARTNER), Map.of("partner_id", "not-a-uuid"))));
        assertThrows(AuthenticationFailedException.class, () -> Caller.of(token(Set.of(Caller.DESK), Map.of("partner_id", PARTNER.toString()))));
        assertThrows(AuthenticationFailedException.class, () -> Caller.of(token(Set.of("offline_access"), Map.of("partner_id", PARTNER.toString()))));
        assertThrows(AuthenticationFailedException.class, () -> Caller.of(token(Set.of(), Map.of())));
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
