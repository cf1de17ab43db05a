package io.imcredits.credits.rest;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import io.imcredits.credits.Accounts;
import io.imcredits.credits.BalanceChange;
import io.imcredits.credits.Caller;
import io.imcredits.credits.Page;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

/** The portal's view of many balances at once: a page of customers' credit accounts in one request. */
@Path("/api/credit-accounts")
@RolesAllowed({Caller.PARTNER, Caller.OPS})
public class CreditAccountsResource {

    static final int MAX_CUSTOMER_IDS = 200;

    private final Accounts accounts;
    private final JsonWebToken jwt;
    private final Clock clock;

    CreditAccountsResource(Accounts accounts, JsonWebToken jwt, Clock clock) {
        this.accounts = accounts;
        this.jwt = jwt;
        this.clock = clock;
    }

    @GET
    @Operation(summary = "The caller's credit accounts by customer id, paged; filter by customer ids and by status",
            description = "Each item is the balance GET /api/customers/{id}/credits answers. A partner sees its own customers' "
                    + "accounts only (another partner's customer id matches nothing); ops see all and may narrow them by partnerId.")
    public Page<Views.Balance> list(
            @Parameter(description = "repeatable, at most 200: only these customers' accounts")
            @QueryParam("customerId") @Size(max = MAX_CUSTOMER_IDS) List<UUID> customerId,
            @Parameter(description = "repeatable: OK, LOW, EXHAUSTED") @QueryParam("status") Set<BalanceChange.Status> status,
            @Parameter(description = "ops: only this partner's customers") @QueryParam("partnerId") UUID partnerId,
            @Parameter(description = "0-based page number; at most 10000")
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        Instant now = clock.instant();
        return accounts.list(Caller.of(jwt), partnerId, customerId, status, page, size).map(account -> Views.Balance.from(account, now));
    }
}
