package io.imcredits.customer.rest;

import io.imcredits.customer.CustomerService.NewCustomer;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** A customer's details as the portal sends them. */
public record CustomerRequest(
        @NotBlank @Size(max = 200) String companyName,
        @NotBlank @Size(max = 200) String contactName,
        @NotBlank @Email @Size(max = 254) String email,
        @Pattern(regexp = "\\+?[0-9 ()-]{6,32}", message = "must be a phone number, e.g. +44 20 7946 0958") String phone,
        @NotBlank @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166 alpha-2 country code, e.g. GB") String country,
        @Size(max = 100) String deskOrgId,
        @Pattern(regexp = "[A-Z0-9_]{2,50}", message = "must be a plan code such as STANDARD") String planCode,
        @Positive @Max(100_000) Integer agents) {

    NewCustomer toNewCustomer() {
        return new NewCustomer(companyName, contactName, email, phone, country, deskOrgId,
                planCode == null ? "STANDARD" : planCode, agents == null ? 1 : agents);
    }
}
