package io.imcredits.credits.rest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * RFC 9457 problem details, with the same keys as Quarkus's own violation report; moreViolations: how many violations
 * beyond the first 20 listed (absent when none).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String title, int status, String detail, String errorId, List<Violation> violations, Integer moreViolations) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public record Violation(String field, String message) {}

    static Problem of(int status, String title, String detail) {
        return new Problem(title, status, detail, null, null, null);
    }
}
