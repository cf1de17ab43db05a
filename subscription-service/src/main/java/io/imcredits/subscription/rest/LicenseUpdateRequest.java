package io.imcredits.subscription.rest;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import jakarta.validation.constraints.NotNull;

/** Update License → OK: the quote the partner re-checked. */
@Schema(example = "{\"quoteId\": \"5f0c6a8e-3b1d-4c52-9f0e-2d7a1b9c4e11\"}")
public record LicenseUpdateRequest(@NotNull UUID quoteId) {}
