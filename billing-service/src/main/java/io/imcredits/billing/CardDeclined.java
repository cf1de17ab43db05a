package io.imcredits.billing;

/** The gateway refused to authorize a new card: it would decline the charges that will come (reason: DECLINED, …). */
public class CardDeclined extends RuntimeException {

    private final String reason;

    public CardDeclined(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
