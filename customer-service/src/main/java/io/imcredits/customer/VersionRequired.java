package io.imcredits.customer;

/** An update came without the version the client read, so it could silently overwrite someone else's change. */
public class VersionRequired extends RuntimeException {
    public VersionRequired(String detail) {
        super(detail);
    }
}
