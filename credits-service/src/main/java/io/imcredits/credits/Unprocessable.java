package io.imcredits.credits;

/** The request is well-formed but cannot be carried out as asked (no rate for it, a foreign currency). */
public class Unprocessable extends RuntimeException {
    public Unprocessable(String detail) {
        super(detail);
    }
}
