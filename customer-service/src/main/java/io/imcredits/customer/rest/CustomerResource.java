package io.imcredits.customer.rest;

import java.net.URI;
import java.util.UUID;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestResponse;

import io.imcredits.customer.Caller;
import io.imcredits.customer.Customer;
import io.imcredits.customer.CustomerService;
import io.imcredits.customer.Page;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

@Path("/api/customers")
public class CustomerResource {

    private final CustomerService customers;
    private final JsonWebToken jwt;

    CustomerResource(CustomerService customers, JsonWebToken jwt) {
        this.customers = customers;
        this.jwt = jwt;
    }

    @POST
    @RolesAllowed(Caller.PARTNER)
    @Operation(summary = "Map a new customer company to the calling partner", description = "Emits CustomerRegistered.")
    public RestResponse<CustomerView> register(@Valid @NotNull(message = "a JSON body is required") CustomerRequest request) {
        Customer customer = customers.register(Caller.of(jwt), request.toNewCustomer());
        return RestResponse.ResponseBuilder.<CustomerView>created(URI.create("/api/customers/" + customer.id))
                .entity(CustomerView.from(customer)).build();
    }

    @GET
    @RolesAllowed(Caller.PARTNER)
    @Operation(summary = "The calling partner's customers, newest first, paged")
    public Page<CustomerView> list(@QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                   @QueryParam("size") @DefaultValue("20") @Min(1) @Max(200) int size) {
        return customers.list(Caller.of(jwt), page, size).map(CustomerView::from);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Caller.PARTNER, Caller.OPS})
    @Operation(summary = "A customer's details and mapping; another partner's customer is 404")
    public CustomerView get(@PathParam("id") UUID id) {
        return CustomerView.from(customers.get(Caller.of(jwt), id));
    }
}
