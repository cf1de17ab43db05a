package io.imcredits.billing;

/** The request is valid but clashes with the current state (a stale version, an open deal). */
public class Conflict extends RuntimeException {
    public Conflict(String detail) {
        super(detail);
    }
}
