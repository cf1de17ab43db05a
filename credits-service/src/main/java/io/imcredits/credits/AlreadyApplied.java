package io.imcredits.credits;

/** Thrown inside a spend's transaction (a debit, a refund, a hold) when its key was already applied: rolls the spend back. */
final class AlreadyApplied extends RuntimeException {
    AlreadyApplied() {
        super(null, null, false, false);
    }
}
