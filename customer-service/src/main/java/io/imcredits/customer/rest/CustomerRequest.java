package io.imcredits.customer.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.imcredits.customer.Customer;
import io.imcredits.customer.Customers.NewCustomer;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** A new customer's details as the portal sends them (an update sends a CustomerUpdate). */
public record CustomerRequest(
        @Schema(example = "Zylker Corp") @NotBlank @Size(max = 200) String companyName,
        @Schema(example = "Ann Lee") @NotBlank @Size(max = 200) String contactName,
        @Schema(example = "ann@zylker.example") @NotBlank @Email @Size(max = 254) String email,
        @Schema(example = "+44 20 7946 0958")
        @Pattern(regexp = "\\+?[0-9 ()-]{6,32}", message = "must be a phone number, e.g. +44 20 7946 0958") String phone,
        @Schema(example = "GB")
        @NotBlank @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166 alpha-2 country code, e.g. GB") String country,
        @Schema(example = "zylker-desk-01") @Size(max = 100) String deskOrgId,
        @Schema(example = "STANDARD")
        @Pattern(regexp = "[A-Z0-9_]{2,50}", message = "must be a plan code such as STANDARD") String planCode,
        @Schema(example = "5") @Positive @Max(100_000) Integer agents,
        @Schema(description = "Not read on create (kept for clients that send it)", example = "0")
        @PositiveOrZero Integer version) {

    NewCustomer toNewCustomer() {
        return new NewCustomer(companyName, contactName, email, blankToNull(phone), country, blankToNull(deskOrgId),
                planCode == null ? "STANDARD" : planCode, agents == null ? 1 : agents);
    }

    Customer.Details toDetails() {
        return new Customer.Details(companyName, contactName, email, blankToNull(phone), country, blankToNull(deskOrgId));
    }

    /** An emptied optional field means "none", so "" and a missing field are the same value. */
    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
