package io.imcredits.billing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Invoices a partner can hand to an accountant: who sells, who pays, for whom, when, for which period, with what tax. */
@QuarkusTest
@WithTestResource(TestKeys.class)
class InvoiceDocumentTest {

    static final UUID PARTNER = UUID.randomUUID();
    static final String PARTNER_NAME = "Partner " + PARTNER.toString().substring(0, 8);

    @BeforeEach
    void setUp() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    static String today() {
        return DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH).format(LocalDate.now(ZoneOffset.UTC));
    }

    /** A customer known by its current name (CustomerUpdated after CustomerRegistered) with a card billed in the given country. */
    static UUID customerNamed(String name, String country, String cardCountry) {
        UUID customerId = Fixture.customerOf(PARTNER);
        Events.CUSTOMER_EVENTS.send(customerId.toString(), Events.envelope(UUID.randomUUID(), "CustomerUpdated", "customer-service", PARTNER,
                customerId, """
                        {"customerId": "%s", "partnerId": "%s", "companyName": "%s", "contactName": "Ann Lee", "email": "ann@zylker.example",
                         "country": "%s", "version": 2, "changes": {"companyName": {"from": "Zylker", "to": "%s"}}}"""
                        .formatted(customerId, PARTNER, name, country, name)));
        await().atMost(Duration.ofSeconds(30)).until(() -> name.equals(
                QuarkusTransaction.requiringNew().call(() -> CustomerOwner.<CustomerOwner>findById(customerId).companyName)));
        given().auth().oauth2(Tokens.partner(PARTNER)).contentType(ContentType.JSON)
                .body(Fixture.cardBody("4242424242424242").replace("\"GB\"", "\"" + cardCountry + "\""))
                .put("/api/customers/{id}/card", customerId).then().statusCode(200);
        return customerId;
    }

    static String paidOrder(UUID customerId) {
        Events.SUBSCRIPTION_EVENTS.send(customerId.toString(),
                Events.licenseUpdateRequested(UUID.randomUUID(), UUID.randomUUID(), customerId, PARTNER, "50.00", "1.50", "51.50"));
        return Fixture.awaitOne(customerId, "InvoiceIssued").getString("invoiceId");
    }

    @Test
    void shouldNameSellerPayerAndCustomerWithDatesAPersonReads() {
        UUID customerId = customerNamed("Zylker Holdings", "IN", "GB");
        String invoiceId = paidOrder(customerId);

        given().auth().oauth2(Tokens.partner(PARTNER)).get("/api/invoices/{id}", invoiceId).then().statusCode(200)
                .body("customerName", equalTo("Zylker Holdings"), "customerCountry", equalTo("IN"), "payerName", equalTo(PARTNER_NAME),
                        "billingCountry", equalTo("GB"), "taxRate", nullValue(), "tax.amount", equalTo("0.00"), "total.amount", equalTo("51.50"));
        String page = given().auth().oauth2(Tokens.partner(PARTNER)).accept("text/html").get("/api/invoices/{id}", invoiceId)
                .then().statusCode(200).extract().asString();
        for (String expected : new String[]{"IM Credits Demo Ltd", "1 Example Street, London", "Tax ID: GB123456789",
                "billing@imcredits.example", "Bill to</strong><br/>" + PARTNER_NAME, "Billing country: GB",
                "Customer</strong><br/>Zylker Holdings", "Country: IN", "Invoice date: " + today(), "Paid " + today(), "51.50 USD"}) {
            assertTrue(page.contains(expected), "the page lacks " + expected + ":\n" + page);
        }
        assertFalse(page.matches("(?s).*\\d{4}-\\d{2}-\\d{2}T.*"), "a timestamp no person reads: " + page);
        assertFalse(page.contains("Tax 19"), "no tax is configured for GB");
    }

    @Test
    void shouldShowTheTaxTheTotalIncludesWhereARateIsConfigured() {
        UUID customerId = customerNamed("Müller Kommunikation", "DE", "DE"); // %test.billing.tax-rate."DE"=19
        String invoiceId = paidOrder(customerId);

        // the order's total is what the partner agreed and paid: it includes the tax, 51.50 × 19 / 119 = 8.2227 → 8.22
        given().auth().oauth2(Tokens.partner(PARTNER)).get("/api/invoices/{id}", invoiceId).then().statusCode(200)
                .body("billingCountry", equalTo("DE"), "taxRate", equalTo(19), "tax.amount", equalTo("8.22"), "total.amount", equalTo("51.50"));
        given().auth().oauth2(Tokens.partner(PARTNER)).accept("text/html").get("/api/invoices/{id}", invoiceId).then().statusCode(200)
                .body(containsString("Total excluding tax</td><td class=\"n\">43.28 USD"), containsString("Tax 19% (DE)</td><td class=\"n\">8.22 USD"),
                        containsString("<strong>51.50 USD</strong>"));
        assertEquals("51.50", Fixture.awaitOne(customerId, "PaymentSucceeded").getString("amount.amount"), "the saga sees the order's total");
    }

    @Test
    void shouldDownloadThePdfNamingTheCustomer() throws Exception {
        UUID customerId = customerNamed("Zylker Pdf Works", "IN", "DE");
        String invoiceId = paidOrder(customerId);

        var response = given().auth().oauth2(Tokens.partner(PARTNER)).accept("application/pdf").get("/api/invoices/{id}", invoiceId)
                .then().statusCode(200).contentType("application/pdf")
                .header("Content-Disposition", containsString("attachment; filename=\"invoice-"))
                .header("X-Content-Type-Options", "nosniff").extract();
        byte[] pdf = response.asByteArray();
        assertEquals("%PDF", new String(pdf, 0, 4, StandardCharsets.US_ASCII));
        String text;
        try (PDDocument document = Loader.loadPDF(pdf)) {
            text = new PDFTextStripper().getText(document);
        }
        for (String expected : new String[]{"Zylker Pdf Works", "IM Credits Demo Ltd", PARTNER_NAME, "Invoice date: " + today(),
                "Tax 19% (DE)", "8.22 USD", "51.50 USD"}) {
            assertTrue(text.contains(expected), "the PDF lacks " + expected + ":\n" + text);
        }
        // the JSON answer stays the default
        given().auth().oauth2(Tokens.partner(PARTNER)).get("/api/invoices/{id}", invoiceId).then().statusCode(200)
                .contentType(ContentType.JSON).body("id", equalTo(invoiceId));
        given().auth().oauth2(Tokens.partner(UUID.randomUUID())).accept("application/pdf").get("/api/invoices/{id}", invoiceId)
                .then().statusCode(404).body(not(containsString("Zylker")));
    }

    @Test
    void shouldChargeARenewalOnceAndShowItsServicePeriod() {
        UUID customerId = customerNamed("Zylker Renewals", "IN", "GB");
        UUID orderId = UUID.randomUUID();
        Instant start = Instant.parse("2026-12-01T00:00:00Z"), end = Instant.parse("2027-01-01T00:00:00Z");
        Events.SUBSCRIPTION_EVENTS.send(customerId.toString(), Events.renewalRequested(UUID.randomUUID(), orderId, customerId, PARTNER, "99.00", start, end));
        String invoiceId = Fixture.awaitOne(customerId, "InvoiceIssued").getString("invoiceId");
        // sent again under another event id (a second renewal run): the same order is charged once
        UUID repeat = UUID.randomUUID();
        Events.SUBSCRIPTION_EVENTS.send(customerId.toString(), Events.renewalRequested(repeat, orderId, customerId, PARTNER, "99.00", start, end));
        await().atMost(Duration.ofSeconds(30)).until(() -> Fixture.count("select count(*) from inbox where event_id = ?1", repeat) == 1);
        assertEquals(1, Fixture.count("select count(*) from charge where order_id = ?1", orderId));
        assertEquals(1, Fixture.count("select count(*) from invoice where order_id = ?1", orderId));

        JsonPath paid = Fixture.awaitOne(customerId, "PaymentSucceeded");
        assertEquals(orderId.toString(), paid.getString("orderId"));
        assertEquals("99.00", paid.getString("amount.amount"));
        given().auth().oauth2(Tokens.partner(PARTNER)).get("/api/invoices/{id}", invoiceId).then().statusCode(200)
                .body("periodStart", equalTo("2026-12-01T00:00:00Z"), "periodEnd", equalTo("2027-01-01T00:00:00Z"), "total.amount", equalTo("99.00"));
        given().auth().oauth2(Tokens.partner(PARTNER)).accept("text/html").get("/api/invoices/{id}", invoiceId).then().statusCode(200)
                .body(containsString("Service period: 1 Dec 2026 &#8211; 31 Dec 2026"), containsString("Zylker Renewals"));
    }

    @Test
    void shouldShowThePostpaidServicePeriodInTheSameLayout() {
        UUID customerId = customerNamed("Zylker Overage", "IN", "GB");
        Events.CREDITS_EVENTS.send(customerId.toString(), Events.postpaidUsageRecorded(UUID.randomUUID(), customerId, PARTNER, "wamid.1",
                "1.2000", "IN", "MARKETING", Instant.parse("2026-11-02T10:00:00Z")));
        await().atMost(Duration.ofSeconds(30)).until(() -> Fixture.count("select count(*) from postpaid_usage where customer_id = ?1", customerId) == 1);

        given().auth().oauth2(Tokens.ops()).contentType(ContentType.JSON)
                .body("{\"until\": \"2026-12-01T00:00:00Z\", \"customerId\": \"%s\"}".formatted(customerId))
                .post("/api/billing-periods/close").then().statusCode(200).body("charges", hasSize(1));

        String invoiceId = Fixture.awaitOne(customerId, "InvoiceIssued").getString("invoiceId");
        given().auth().oauth2(Tokens.partner(PARTNER)).get("/api/invoices/{id}", invoiceId).then().statusCode(200)
                .body("periodStart", equalTo("2026-11-02T10:00:00Z"), "periodEnd", equalTo("2026-12-01T00:00:00Z"));
        given().auth().oauth2(Tokens.partner(PARTNER)).accept("text/html").get("/api/invoices/{id}", invoiceId).then().statusCode(200)
                .body(containsString("Service period: 2 Nov 2026 &#8211; 30 Nov 2026"), containsString("Zylker Overage"),
                        containsString("IM Credits Demo Ltd"), containsString("1.20 USD"));
    }
}
