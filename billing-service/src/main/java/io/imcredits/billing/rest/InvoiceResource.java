package io.imcredits.billing.rest;

import java.util.UUID;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestResponse;

import io.imcredits.billing.BillingConfig;
import io.imcredits.billing.Caller;
import io.imcredits.billing.Invoice;
import io.imcredits.billing.Invoices;
import io.imcredits.billing.Page;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

@Path("/api")
@RolesAllowed({Caller.PARTNER, Caller.OPS})
public class InvoiceResource {

    private final Invoices invoices;
    private final BillingConfig config;
    private final JsonWebToken jwt;

    InvoiceResource(Invoices invoices, BillingConfig config, JsonWebToken jwt) {
        this.invoices = invoices;
        this.config = config;
        this.jwt = jwt;
    }

    @GET
    @Path("/customers/{id}/invoices")
    @Operation(summary = "A customer's invoices, newest first, paged")
    public Page<InvoiceView> list(@PathParam("id") UUID customerId,
            @Parameter(description = "0-based page number; at most 10000")
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return invoices.list(Caller.of(jwt), customerId, page, size).map(InvoiceView::from);
    }

    @GET
    @Path("/invoices/{invoiceId}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One invoice; ask for text/html to get the printable page, application/pdf for the PDF")
    public InvoiceView get(@PathParam("invoiceId") UUID invoiceId) {
        return InvoiceView.from(invoices.get(Caller.of(jwt), invoiceId));
    }

    @GET
    @Path("/invoices/{invoiceId}/usage.csv")
    @Produces("text/csv")
    @Operation(summary = "The per-message detail of a post-paid invoice as CSV (only the header for an order's invoice)")
    public RestResponse<String> usage(@PathParam("invoiceId") UUID invoiceId) {
        return RestResponse.ResponseBuilder.ok(UsageCsv.render(invoices.usage(Caller.of(jwt), invoiceId)), "text/csv")
                .header("Content-Disposition", "attachment; filename=\"usage-" + invoiceId + ".csv\"").build();
    }

    @GET
    @Path("/invoices/{invoiceId}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "One invoice as a printable HTML page")
    public RestResponse<String> print(@PathParam("invoiceId") UUID invoiceId) {
        return printable(InvoiceHtml.render(invoices.get(Caller.of(jwt), invoiceId), config.seller())).build();
    }

    @GET
    @Path("/invoices/{invoiceId}")
    @Produces("application/pdf")
    @Operation(summary = "One invoice as PDF (the printable page), to download")
    public RestResponse<byte[]> pdf(@PathParam("invoiceId") UUID invoiceId) {
        Invoice invoice = invoices.get(Caller.of(jwt), invoiceId);
        return printable(InvoicePdf.render(InvoiceHtml.render(invoice, config.seller())))
                .header("Content-Disposition", "attachment; filename=\"invoice-" + invoice.number + ".pdf\"").build();
    }

    /**
     * Every value is escaped already; as defence in depth the page may load nothing and run nothing (its
     * inline styles aside), and a browser may not read it as anything but what it says it is.
     */
    static <T> RestResponse.ResponseBuilder<T> printable(T page) {
        return RestResponse.ResponseBuilder.ok(page)
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
                .header("X-Content-Type-Options", "nosniff");
    }
}
