package io.imcredits.credits.rest;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestResponse;

import io.imcredits.credits.Accounts;
import io.imcredits.credits.Accounts.Statement;
import io.imcredits.credits.Caller;
import io.imcredits.credits.Debits;
import io.imcredits.credits.Debits.Debit;
import io.imcredits.credits.Hold;
import io.imcredits.credits.Holds;
import io.imcredits.credits.LedgerEntry;
import io.imcredits.credits.LedgerExports;
import io.imcredits.credits.Page;
import io.imcredits.credits.Refunds;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.validation.groups.ConvertGroup;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.StreamingOutput;

/** Desk's credits: the balance, the ledger, spending per message, holds and the low-balance alert. */
@Path("/api/customers/{id}/credits")
@RolesAllowed({Caller.DESK, Caller.PARTNER, Caller.OPS})
public class CreditsResource {

    public static final String CSV = "text/csv";
    static final int MAX_CSV_ROWS = 1_000_000;
    static final int MAX_SPEND_DAYS = 366;

    /** The low-balance threshold Desk or the partner sets. */
    public record AlertsRequest(@NotNull @Valid @ConvertGroup(to = MoneyInput.NotNegative.class) MoneyInput lowBalanceThreshold) {}

    /** How a delivered message was priced by WhatsApp (its webhook's pricing.type); REGULAR when left out. */
    public record SettleRequest(Holds.PricingType pricingType) {}

    /** An ops correction: a signed amount and the reason the customer will read in the ledger; a credit may expire. */
    public record AdjustmentRequest(@NotNull @Valid MoneyInput amount, @NotBlank @Size(max = 300) String reason,
            @Schema(description = "for a credit only: when it can no longer be spent (at most 10 years ahead); left out, it never expires")
            @WithinYears(10) Instant expiresAt) {}

    private final Accounts accounts;
    private final Debits debits;
    private final Refunds refunds;
    private final Holds holds;
    private final LedgerExports exports;
    private final JsonWebToken jwt;
    private final Clock clock;

    CreditsResource(Accounts accounts, Debits debits, Refunds refunds, Holds holds, LedgerExports exports, JsonWebToken jwt, Clock clock) {
        this.accounts = accounts;
        this.debits = debits;
        this.refunds = refunds;
        this.holds = holds;
        this.exports = exports;
        this.jwt = jwt;
        this.clock = clock;
    }

    @GET
    @Operation(summary = "The customer's available and held credits, low-balance threshold and status (OK, LOW, EXHAUSTED), "
            + "and this month's post-paid usage and allowance")
    public Uni<Views.Balance> balance(@PathParam("id") UUID id) {
        return accounts.balance(Caller.of(jwt), id).map(account -> Views.Balance.from(account, clock.instant()));
    }

    @GET
    @Path("/spend")
    @Operation(summary = "What the customer spent per UTC day over the last `days` days (today the last), oldest first, a day without spend as zero",
            description = "Spend: the price of each debited message (prepaid and post-paid parts) on the day of the debit, unless it was "
                    + "refunded since, and each hold settled at a price on the day it was settled. Grants, adjustments, expiries "
                    + "and open or released holds are not spend.")
    public Views.Spend spend(@PathParam("id") UUID id,
            @Parameter(description = "how many days back, today included: 1 to 366") @QueryParam("days") @DefaultValue("30") @Min(1)
            @Max(MAX_SPEND_DAYS) int days) {
        return Views.Spend.from(accounts.spend(Caller.of(jwt), id, days));
    }

    @GET
    @Path("/ledger")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The credit ledger, newest first, paged; filter by type and by time [from, to)",
            description = "Ask for text/csv (Accept header) to download it for the customer.")
    public Page<Views.Entry> ledger(@PathParam("id") UUID id,
            @Parameter(description = "GRANT, DEBIT, HOLD, RELEASE, SETTLE, EXPIRY, REFUND, ADJUSTMENT") @QueryParam("type") Set<LedgerEntry.Type> types,
            @QueryParam("from") Instant from, @QueryParam("to") Instant to,
            @Parameter(description = "0-based page number; at most 10000")
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        Statement statement = accounts.ledger(Caller.of(jwt), id, new LedgerEntry.Filter(types, from, to), page, size);
        return statement.entries().map(entry -> Views.Entry.from(entry, statement.currency()));
    }

    @GET
    @Path("/ledger")
    @Produces(CSV)
    @Operation(summary = "The credit ledger as CSV, newest first (up to size rows), for the partner to hand to the customer",
            description = "Streamed as it is read: size may be up to 1,000,000 rows (default 10,000). At most credits.ledger-exports "
                    + "exports run at once; beyond that, 429 with Retry-After.")
    public RestResponse<StreamingOutput> ledgerCsv(@PathParam("id") UUID id, @QueryParam("type") Set<LedgerEntry.Type> types,
            @QueryParam("from") Instant from, @QueryParam("to") Instant to,
            @Parameter(hidden = true) // the JSON list documents size; this one is in the description
            @QueryParam("size") @DefaultValue("10000") @Min(1) @Max(MAX_CSV_ROWS) int size,
            @Context RoutingContext routing) {
        LedgerExports.Export export = exports.start(Caller.of(jwt), id, new LedgerEntry.Filter(types, from, to), size);
        // the slot goes back when the response ends, however it ends (a client that hangs up mid-file included)
        routing.addEndHandler(ended -> export.release());
        return RestResponse.ResponseBuilder.ok((StreamingOutput) out -> LedgerCsv.write(export, out), CSV)
                .header("Content-Disposition", "attachment; filename=\"credits-" + id + ".csv\"").build();
    }

    @POST
    @Path("/debits")
    @RateLimited
    @Operation(summary = "Spend the price of one message",
            description = "Priced from the rate card; idempotent on messageId (the same id answers the first debit, 200, and spends nothing more). "
                    + "With the post-paid add-on, what the balance cannot cover is post-paid usage (overage; the balance pays what it has "
                    + "first and never goes below zero), up to the month's allowance. "
                    + "Not enough credits: 402 with the balance and the price, and nothing changes.")
    public RestResponse<Debit> debit(@PathParam("id") UUID id, @Valid @NotNull(message = "a JSON body is required") SpendRequest request) {
        Debit debit = debits.debit(Caller.of(jwt), id, request.toSpend());
        return RestResponse.ResponseBuilder.<Debit>create(debit.repeated() ? 200 : 201)
                .location(URI.create("/api/customers/" + id + "/credits/ledger?type=DEBIT")).entity(debit).build();
    }

    @POST
    @Path("/debits/{messageId}/refund")
    @RateLimited
    @Operation(summary = "Give back the price of a debited message that was not delivered",
            description = "Once per message id (a repeat answers the first refund, 200), within credits.refund-window (72h) of the debit. "
                    + "The credits go back to the lots the debit took them from, with their expiry dates; a part from a lot that has "
                    + "expired since is not given back. 404 without a debit for the message; 409 outside the window or when the debit "
                    + "used the post-paid allowance (billed: ops adjusts it).")
    public RestResponse<Refunds.Refund> refund(@PathParam("id") UUID id, @PathParam("messageId") @Size(max = 200) String messageId) {
        Refunds.Refund refund = refunds.refund(Caller.of(jwt), id, messageId);
        return RestResponse.ResponseBuilder.<Refunds.Refund>create(refund.repeated() ? 200 : 201)
                .location(URI.create("/api/customers/" + id + "/credits/ledger?type=REFUND")).entity(refund).build();
    }

    @GET
    @Path("/expiring")
    @Operation(summary = "Credits that carry an expiry date and are not spent yet, earliest-expiring first",
            description = "Spends take from these first; what is left on the day is written off (an EXPIRY entry in the ledger).")
    public List<Views.Lot> expiring(@PathParam("id") UUID id) {
        Accounts.Expiring expiring = accounts.expiring(Caller.of(jwt), id);
        return expiring.lots().stream().map(lot -> Views.Lot.from(lot, expiring.currency())).toList();
    }

    @POST
    @Path("/holds")
    @RateLimited
    @Operation(summary = "Set the price of one message aside before sending it",
            description = "Settle it on delivery, release it on failure; an unsettled hold is released after credits.hold-ttl. Idempotent on messageId.")
    public RestResponse<Views.HoldView> hold(@PathParam("id") UUID id, @Valid @NotNull(message = "a JSON body is required") SpendRequest request) {
        Hold hold = holds.place(Caller.of(jwt), id, request.toSpend());
        return RestResponse.ResponseBuilder.<Views.HoldView>created(URI.create("/api/customers/" + id + "/credits/holds/" + hold.id))
                .entity(Views.HoldView.from(hold)).build();
    }

    @POST
    @Path("/holds/{holdId}/settle")
    @RateLimited
    @Operation(summary = "The message was delivered: spend the hold (nothing for a free pricing type)")
    public Views.HoldView settle(@PathParam("id") UUID id, @PathParam("holdId") UUID holdId, SettleRequest request) {
        Holds.PricingType type = request == null || request.pricingType() == null ? Holds.PricingType.REGULAR : request.pricingType();
        return Views.HoldView.from(holds.post(Caller.of(jwt), id, holdId, type));
    }

    @POST
    @Path("/holds/{holdId}/release")
    @RateLimited
    @Operation(summary = "The message failed: give the hold back")
    public Views.HoldView release(@PathParam("id") UUID id, @PathParam("holdId") UUID holdId) {
        return Views.HoldView.from(holds.voidHold(Caller.of(jwt), id, holdId));
    }

    @PUT
    @Path("/alerts")
    @RateLimited
    @Operation(summary = "Set the low-balance threshold",
            description = "Falling below it emits CreditsLow once per crossing; reaching zero emits CreditsExhausted; a grant re-arms both. "
                    + "A threshold raised above the balance is one crossing: raising it again tells nothing more until a credit "
                    + "lifts the balance back to the line.")
    public Views.Balance alerts(@PathParam("id") UUID id, @Valid @NotNull(message = "a JSON body is required") AlertsRequest request) {
        return Views.Balance.from(accounts.setThreshold(Caller.of(jwt), id, request.lowBalanceThreshold().toRequested()), clock.instant());
    }

    @POST
    @Path("/adjustments")
    @RolesAllowed(Caller.OPS)
    @Operation(summary = "Ops: correct the balance by a signed amount, with a reason",
            description = "Idempotency-Key makes a retry safe (the same key with another amount, reason or expiry: 422); "
                    + "a decrease never takes the balance below zero and takes the "
                    + "earliest-expiring credits first; a credit with expiresAt expires on that date.")
    public RestResponse<Views.Balance> adjust(@PathParam("id") UUID id, @HeaderParam("Idempotency-Key") @Size(max = 200) String idempotencyKey,
            @Valid @NotNull(message = "a JSON body is required") AdjustmentRequest request) {
        String key = idempotencyKey != null ? idempotencyKey : UUID.randomUUID().toString();
        var account = accounts.adjust(Caller.of(jwt), id, new Accounts.Adjustment(request.amount().toRequested(), request.reason(), key,
                request.expiresAt()));
        return RestResponse.ResponseBuilder.<Views.Balance>created(URI.create("/api/customers/" + id + "/credits/ledger?type=ADJUSTMENT"))
                .entity(Views.Balance.from(account, clock.instant())).build();
    }
}
