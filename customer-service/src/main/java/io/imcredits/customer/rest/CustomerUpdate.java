package io.imcredits.customer.rest;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.imcredits.customer.Customer;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * Customer Details → Update: the customer as GET answered it, with its details edited. The read-only fields
 * may be left out or sent back as read; a changed one is refused, naming it (the service compares them).
 */
public record CustomerUpdate(
        @Schema(readOnly = true, description = READ_ONLY, example = "3f6c2b1e-8d4a-4b7e-9c15-0a2d7e5f9b31") UUID id,
        @Schema(readOnly = true, description = READ_ONLY, example = "9b2d8c1e-4f0a-4c7e-9a51-2f6f3c1d7e10") UUID partnerId,
        @Schema(example = "Zylker Corp") @NotBlank @Size(max = 200) String companyName,
        @Schema(example = "Ann Lee") @NotBlank @Size(max = 200) String contactName,
        @Schema(example = "ann@zylker.example") @NotBlank @Email @Size(max = 254) String email,
        @Schema(example = "+44 20 7946 0958")
        @Pattern(regexp = "\\+?[0-9 ()-]{6,32}", message = "must be a phone number, e.g. +44 20 7946 0958") String phone,
        @Schema(example = "GB")
        @NotBlank @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166 alpha-2 country code, e.g. GB") String country,
        @Schema(example = "zylker-desk-01") @Size(max = 100) String deskOrgId,
        @Schema(readOnly = true, description = PLAN, example = "STANDARD") String planCode,
        @Schema(readOnly = true, description = PLAN, example = "5") Integer agents,
        @Schema(readOnly = true, description = READ_ONLY, example = "ACTIVE") String status,
        @Schema(readOnly = true, description = READ_ONLY, example = "PARTNER") String payer,
        @Schema(description = "The version you read (or send it as If-Match)", example = "0") @PositiveOrZero Integer version,
        @Schema(readOnly = true, description = READ_ONLY, example = "2026-11-26T10:15:30.123456Z") Instant createdAt,
        @Schema(readOnly = true, description = READ_ONLY, example = "2026-11-26T10:15:30.123456Z") Instant updatedAt) {

    static final String READ_ONLY = "Read-only: leave it out or send it as GET answered it; a changed value is 400";
    static final String PLAN = "Read-only here (a license update changes the plan): leave it out or send it as read; a changed value is 400";

    Customer.Details toDetails() {
        return new Customer.Details(companyName, contactName, email, CustomerRequest.blankToNull(phone), country,
                CustomerRequest.blankToNull(deskOrgId));
    }

    /** The read-only fields as sent; null where not sent (HashMap: Map.of refuses nulls). */
    Map<String, Object> readOnly() {
        Map<String, Object> sent = new HashMap<>();
        sent.put("id", id);
        sent.put("partnerId", partnerId);
        sent.put("planCode", planCode);
        sent.put("agents", agents);
        sent.put("status", status);
        sent.put("payer", payer);
        sent.put("createdAt", createdAt);
        sent.put("updatedAt", updatedAt);
        return sent;
    }
}
