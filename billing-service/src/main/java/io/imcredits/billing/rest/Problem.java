package io.imcredits.billing.rest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** RFC 9457 problem details, with the same keys as Quarkus's own violation report. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String title, int status, String detail, String errorId, List<Violation> violations, Integer moreViolations) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** moreViolations: how many were found beyond those listed (null: all are listed). */
    public Problem(String title, int status, String detail, String errorId, List<Violation> violations) {
        this(title, status, detail, errorId, violations, null);
    }

    public record Violation(String field, String message) {}

    static Problem of(int status, String title, String detail) {
        return new Problem(title, status, detail, null, null);
    }
}
