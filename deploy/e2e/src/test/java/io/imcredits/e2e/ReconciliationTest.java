package io.imcredits.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** After every purchase of the suite (and any before it): each paid order has one charge, one invoice, one grant. */
@Order(Integer.MAX_VALUE)
class ReconciliationTest {

    @Test
    void everyPaidOrderAndEveryCreditAccountAddsUp() {
        String report = Deploy.reconcile(); // exits non-zero, and so fails here, on any difference
        assertTrue(report.contains("everything adds up"), report);
    }
}
