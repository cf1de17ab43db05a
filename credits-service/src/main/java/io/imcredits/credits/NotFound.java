package io.imcredits.credits;

/** The thing asked for does not exist, or belongs to another tenant: both look the same to the caller. */
public class NotFound extends RuntimeException {
    public NotFound(String detail) {
        super(detail);
    }
}
