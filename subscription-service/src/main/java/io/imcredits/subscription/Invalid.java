package io.imcredits.subscription;

/**
 * A field of the request is out of its range by a rule only the domain knows (a limit from the settings): 400, naming
 * the field, as Bean Validation answers a static one.
 */
public class Invalid extends RuntimeException {

    private final String field;

    public Invalid(String field, String detail) {
        super(detail);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
