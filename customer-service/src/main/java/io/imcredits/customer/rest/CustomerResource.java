package io.imcredits.customer.rest;

import java.net.URI;
import java.util.UUID;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestResponse;

import io.imcredits.customer.Caller;
import io.imcredits.customer.Customer;
import io.imcredits.customer.Customers;
import io.imcredits.customer.Page;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;

@Path("/api/customers")
public class CustomerResource {

    private final Customers customers;
    private final JsonWebToken jwt;

    CustomerResource(Customers customers, JsonWebToken jwt) {
        this.customers = customers;
        this.jwt = jwt;
    }

    @POST
    @RolesAllowed(Caller.PARTNER)
    @Operation(summary = "Map a new customer company to the calling partner",
            description = "planCode and agents start the subscription (subscription-service). Emits CustomerRegistered.")
    @APIResponse(responseCode = "201", description = "Mapped; Location is the customer's address",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CustomerView.class)))
    public RestResponse<CustomerView> register(@Valid @NotNull(message = "a JSON body is required") CustomerRequest request) {
        Customer customer = customers.register(Caller.of(jwt), request.toNewCustomer());
        return RestResponse.ResponseBuilder.<CustomerView>created(URI.create("/api/customers/" + customer.id))
                .entity(CustomerView.from(customer)).build();
    }

    @GET
    @RolesAllowed({Caller.PARTNER, Caller.OPS})
    @Operation(summary = "The caller's customers: search, filter, sort, paged, with the total",
            description = "A partner sees only its own customers; operations see every partner's (partnerId narrows it).")
    public Page<CustomerView> list(
            @Parameter(description = "Part of the company name or email, any case", example = "zylker")
            @QueryParam("q") @Size(max = 100) String q,
            @Parameter(description = "ACTIVE, SUSPENDED or CLOSED", example = "ACTIVE")
            @QueryParam("status") @Pattern(regexp = "ACTIVE|SUSPENDED|CLOSED", message = "must be ACTIVE, SUSPENDED or CLOSED") String status,
            @Parameter(description = "name or createdAt; a leading - sorts descending", example = "name")
            @QueryParam("sort") @DefaultValue("-createdAt")
            @Pattern(regexp = "-?(name|createdAt)", message = "must be name, -name, createdAt or -createdAt") String sort,
            @Parameter(description = "Operations only: one partner's customers") @QueryParam("partnerId") UUID partnerId,
            @Parameter(description = "0-based page number; at most 10000")
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return customers.list(Caller.of(jwt), partnerId, q, status == null ? null : Customer.Status.valueOf(status),
                Customer.Order.of(sort), page, size).map(CustomerView::from);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Caller.PARTNER, Caller.OPS})
    @Operation(summary = "A customer's details and mapping; another partner's customer is 404",
            description = "The ETag is the version to send back as If-Match on update.")
    @APIResponse(responseCode = "200", description = "The customer",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CustomerView.class)))
    @APIResponse(responseCode = "404", description = "No such customer, or another partner's: the same answer")
    public RestResponse<CustomerView> get(@PathParam("id") UUID id) {
        return withVersion(customers.get(Caller.of(jwt), id));
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Caller.PARTNER)
    @Operation(summary = "Customer Details → Update, with the version you read",
            description = "Send the customer as GET answered it, with its details edited. The read-only fields (id, "
                    + "partnerId, planCode, agents, status, payer, createdAt, updatedAt) may be left out or sent unchanged; "
                    + "a changed one is 400 naming it (the plan changes through a license update). Send the version as "
                    + "If-Match (wins) or as version in the body; a stale version is 409 and changes nothing, a missing "
                    + "one 428. Emits CustomerUpdated with what changed (nothing changed: no event, same version).")
    @APIResponse(responseCode = "200", description = "Updated; the ETag is the new version",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CustomerView.class)))
    @APIResponse(responseCode = "400", description = "A field is invalid, unknown, or read-only and changed; the violations name each")
    @APIResponse(responseCode = "404", description = "No such customer, or another partner's: the same answer")
    @APIResponse(responseCode = "409", description = "Someone changed the customer since you read it; nothing changed")
    @APIResponse(responseCode = "428", description = "No version sent (If-Match or version in the body)")
    public RestResponse<CustomerView> update(@PathParam("id") UUID id,
            @Parameter(description = "The version you read, e.g. \"3\"")
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull(message = "a JSON body is required") CustomerUpdate request) {
        Integer version = ifMatch == null ? request.version() : parseVersion(ifMatch);
        return withVersion(customers.update(Caller.of(jwt), id, version, request.toDetails(), request.readOnly()));
    }

    private static RestResponse<CustomerView> withVersion(Customer customer) {
        return RestResponse.ResponseBuilder.ok(CustomerView.from(customer))
                .tag(new EntityTag(String.valueOf(customer.version))).build();
    }

    /** If-Match carries an entity tag: 3, "3" and W/"3" all mean version 3. */
    private static Integer parseVersion(String ifMatch) {
        try {
            return Integer.valueOf(ifMatch.replaceFirst("^W/", "").replace("\"", "").strip());
        } catch (NumberFormatException e) {
            throw new BadRequestException("If-Match must be the version you read, e.g. \"3\"");
        }
    }
}
