package io.imcredits.billing;

/** The card details fail a check (number, brand, expiry); the message names the field and never echoes the number. */
public class InvalidCard extends RuntimeException {

    private final String field;

    public InvalidCard(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
