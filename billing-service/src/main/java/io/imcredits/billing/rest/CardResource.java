package io.imcredits.billing.rest;

import java.util.UUID;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

import io.imcredits.billing.Caller;
import io.imcredits.billing.Cards;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

@Path("/api/customers/{id}/card")
public class CardResource {

    private final Cards cards;
    private final JsonWebToken jwt;

    CardResource(Cards cards, JsonWebToken jwt) {
        this.cards = cards;
        this.jwt = jwt;
    }

    @PUT
    @RolesAllowed(Caller.PARTNER)
    @Operation(summary = "Change Card: put the partner's card on the customer (the partner becomes the payer)",
            description = "Checks the number (length, Luhn, brand), the CVC and the expiry, has the gateway tokenize it and keeps only "
                    + "the token, brand, last four digits and expiry. The old card is detached. Emits CardUpdated. "
                    + "Sandbox test cards are listed in the README.")
    public CardView change(@PathParam("id") UUID customerId, @Valid @NotNull(message = "a JSON body is required") CardRequest request) {
        return CardView.from(cards.change(Caller.of(jwt), customerId, request.toNewCard()));
    }

    @GET
    @RolesAllowed({Caller.PARTNER, Caller.OPS})
    @Operation(summary = "The customer's card on file, masked; 404 if there is none")
    public CardView get(@PathParam("id") UUID customerId) {
        return CardView.from(cards.get(Caller.of(jwt), customerId));
    }

    @DELETE
    @RolesAllowed(Caller.PARTNER)
    @Operation(summary = "Remove Card: refused (409) while post-paid or standard add-ons bill to it", description = "Emits CardRemoved.")
    public void remove(@PathParam("id") UUID customerId) {
        cards.remove(Caller.of(jwt), customerId);
    }
}
