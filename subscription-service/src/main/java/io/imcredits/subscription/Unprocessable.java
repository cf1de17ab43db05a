package io.imcredits.subscription;

/** The request is well-formed but asks for something the rules refuse (a downgrade, an unknown plan): 422, naming the field. */
public class Unprocessable extends RuntimeException {

    private final String field;

    public Unprocessable(String field, String detail) {
        super(detail);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
