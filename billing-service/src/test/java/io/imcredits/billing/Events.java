package io.imcredits.billing;

import java.time.Instant;
import java.util.UUID;

/** Envelopes as the other services send them, for the tests to play those services. */
final class Events {

    static final KafkaTopic CUSTOMER_EVENTS = new KafkaTopic("test.customer.events");
    static final KafkaTopic SUBSCRIPTION_EVENTS = new KafkaTopic("test.subscription.events");
    static final KafkaTopic CREDITS_EVENTS = new KafkaTopic("test.credits.events");
    static final KafkaTopic BILLING_EVENTS = new KafkaTopic("test.billing.events");
    /** Where a record that fails in a consumer ends up. */
    static final KafkaTopic DEAD_LETTERS = new KafkaTopic("test.billing-service.dlq");

    private Events() {}

    static String envelope(UUID eventId, String type, String source, UUID partnerId, UUID customerId, String data) {
        return """
                {"eventId": "%s", "type": "%s", "version": 1, "occurredAt": "%s", "source": "%s",
                 "partnerId": "%s", "customerId": "%s", "correlationId": "%s", "data": %s}"""
                .formatted(eventId, type, Instant.now(), source, partnerId, customerId, UUID.randomUUID(), data);
    }

    /** As customer-service sends it: with more data than this service reads. */
    static String customerRegistered(UUID eventId, UUID customerId, UUID partnerId) {
        return """
                {"eventId": "%s", "type": "CustomerRegistered", "version": 1, "occurredAt": "%s",
                 "source": "customer-service", "partnerId": "%s", "customerId": "%s", "correlationId": "%s",
                 "data": {"customerId": "%s", "partnerId": "%s", "companyName": "Zylker", "email": "ann@zylker.example",
                          "country": "IN", "currency": "USD", "planCode": "PROFESSIONAL", "agents": 5, "payer": "PARTNER"}}"""
                .formatted(eventId, Instant.now(), partnerId, customerId, customerId, customerId, partnerId);
    }

    /** An order of one IM-credits line plus a fee; total = amount + fee. */
    static String licenseUpdateRequested(UUID eventId, UUID orderId, UUID customerId, UUID partnerId, String amount, String fee, String total) {
        return envelope(eventId, "LicenseUpdateRequested", "subscription-service", partnerId, customerId, """
                {"orderId": "%s", "customerId": "%s", "partnerId": "%s", "payer": "PARTNER",
                 "lines": [{"code": "IM_CREDITS", "description": "IM credits <WhatsApp>", "quantity": 1000,
                            "unitPrice": {"amount": "%s", "currency": "USD"}, "amount": {"amount": "%s", "currency": "USD"}}],
                 "subtotal": {"amount": "%s", "currency": "USD"}, "fee": {"amount": "%s", "currency": "USD"},
                 "total": {"amount": "%s", "currency": "USD"}}""".formatted(orderId, customerId, partnerId, amount, amount, amount, fee, total));
    }

    /** A renewal as subscription-service sends it: an order with kind RENEWAL and the service period it pays for. */
    static String renewalRequested(UUID eventId, UUID orderId, UUID customerId, UUID partnerId, String total, Instant periodStart, Instant periodEnd) {
        return licenseUpdateRequested(eventId, orderId, customerId, partnerId, total, "0.00", total).replace("\"payer\": \"PARTNER\",",
                "\"payer\": \"PARTNER\", \"kind\": \"RENEWAL\", \"periodStart\": \"%s\", \"periodEnd\": \"%s\",".formatted(periodStart, periodEnd));
    }

    static String refundRequested(UUID orderId, UUID customerId, UUID partnerId) {
        return refundRequested(orderId, customerId, partnerId, "PAYMENT_TIMEOUT");
    }

    static String refundRequested(UUID orderId, UUID customerId, UUID partnerId, String reason) {
        return envelope(UUID.randomUUID(), "RefundRequested", "subscription-service", partnerId, customerId, """
                {"orderId": "%s", "customerId": "%s", "reason": "%s"}""".formatted(orderId, customerId, reason));
    }

    /** An order of only add-ons with nothing to pay now (e.g. IM_OVERAGE, post-paid): total as given. */
    static String addOnOnlyOrder(UUID orderId, UUID customerId, UUID partnerId, String total) {
        return envelope(UUID.randomUUID(), "LicenseUpdateRequested", "subscription-service", partnerId, customerId, """
                {"orderId": "%s", "customerId": "%s", "partnerId": "%s", "payer": "PARTNER",
                 "lines": [{"code": "IM_OVERAGE", "description": "Post-paid IM overage", "quantity": 1,
                            "unitPrice": {"amount": "0.00", "currency": "USD"}, "amount": {"amount": "0.00", "currency": "USD"}}],
                 "subtotal": {"amount": "%s", "currency": "USD"}, "fee": {"amount": "0.00", "currency": "USD"},
                 "total": {"amount": "%s", "currency": "USD"}}""".formatted(orderId, customerId, partnerId, total, total));
    }

    /** addOns: a JSON array of {code, kind, quantity}. */
    static String licenseUpdated(UUID customerId, UUID partnerId, String addOns) {
        return envelope(UUID.randomUUID(), "LicenseUpdated", "subscription-service", partnerId, customerId, """
                {"orderId": "%s", "customerId": "%s", "planCode": "PROFESSIONAL", "agents": 5, "addOns": %s}"""
                .formatted(UUID.randomUUID(), customerId, addOns));
    }

    /** As credits-service sends it since it names the message's country and category. */
    static String postpaidUsageRecorded(UUID usageId, UUID customerId, UUID partnerId, String messageId, String amount,
            String country, String category, Instant recordedAt) {
        return envelope(UUID.randomUUID(), "PostpaidUsageRecorded", "credits-service", partnerId, customerId, """
                {"usageId": "%s", "customerId": "%s", "messageId": "%s", "amount": {"amount": "%s", "currency": "USD"},
                 "recordedAt": "%s", "country": "%s", "category": "%s"}""".formatted(usageId, customerId, messageId, amount, recordedAt,
                country, category));
    }

    /** As credits-service sent it before it named country and category. */
    static String postpaidUsageRecorded(UUID eventId, UUID usageId, UUID customerId, UUID partnerId, String amount) {
        return envelope(eventId, "PostpaidUsageRecorded", "credits-service", partnerId, customerId, """
                {"usageId": "%s", "customerId": "%s", "messageId": "wamid.%s", "amount": {"amount": "%s", "currency": "USD"},
                 "recordedAt": "%s"}""".formatted(usageId, customerId, usageId, amount, Instant.now().minusSeconds(60)));
    }
}
