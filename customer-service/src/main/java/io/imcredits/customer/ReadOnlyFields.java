package io.imcredits.customer;

import java.util.Map;

/** An update changed fields a partner cannot change there; field → why, for a 400 naming each. */
public class ReadOnlyFields extends RuntimeException {

    public final Map<String, String> violations;

    public ReadOnlyFields(Map<String, String> violations) {
        super(String.join(", ", violations.keySet()) + " cannot be changed here");
        this.violations = violations;
    }
}
