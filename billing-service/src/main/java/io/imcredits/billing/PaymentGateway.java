package io.imcredits.billing;

/**
 * The payment gateway port. A real gateway plugs in behind it (as a CDI alternative); the sandbox
 * ships. Declines are answers ({@link ChargeResult}); a temporary failure or no answer is
 * {@link GatewayUnavailable} and may be retried with the same idempotency key.
 */
public interface PaymentGateway {

    /** The gateway keeps the card and gives back a token; the number is not kept here. */
    String tokenize(CardNumber number, int expMonth, int expYear, String cvc, String holderName);

    /**
     * Charges once per idempotency key: a repeated call with the same key returns the first answer. The
     * amount must be whole minor units (Money.toMinorUnits), as every real gateway requires; a fraction is
     * refused with IllegalArgumentException.
     */
    ChargeResult charge(String token, Money amount, String idempotencyKey);

    /**
     * A zero-amount authorization: the card answers as a charge would (a decline is an answer), and nothing is
     * taken. A result that succeeded carries no charge id and no amount.
     */
    ChargeResult authorize(String token);

    /** Gives a charge's money back; idempotent per charge. */
    void refund(String gatewayChargeId, Money amount);

    /** The card is no longer ours to charge. */
    void detach(String token);

    enum Outcome {
        SUCCEEDED, DECLINED, INSUFFICIENT_FUNDS, EXPIRED_CARD
    }

    /** amount: what the gateway took (null unless it succeeded). */
    record ChargeResult(Outcome outcome, String gatewayChargeId, Money amount, String message) {
        public boolean succeeded() {
            return outcome == Outcome.SUCCEEDED;
        }
    }

    /**
     * The gateway did not answer or asked to try again later. The outcome is unknown (the money may have
     * been taken): only asking again with the same idempotency key tells.
     */
    class GatewayUnavailable extends RuntimeException {
        public GatewayUnavailable(String message) {
            super(message);
        }
    }
}
