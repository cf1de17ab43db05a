package io.imcredits.credits;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The CSV export streams the ledger: its memory does not grow with its length, and only a few run at once. */
@QuarkusTest
@WithTestResource(TestKeys.class)
class LedgerExportTest {

    static final UUID PARTNER = UUID.randomUUID();
    static final int ROWS = 200_000;
    static final long MB = 1024 * 1024;

    @TestHTTPResource("/")
    URI base;

    @ConfigProperty(name = "credits.ledger-exports")
    int slots;

    /** One customer with a long ledger, made once for the tests of this class. */
    static UUID busy;

    @BeforeEach
    void makeBusyCustomer() {
        if (busy != null) return;
        busy = Fixture.customer(PARTNER);
        bulkEntries(busy, ROWS);
    }

    /**
     * 200,000 rows (some 16 MB of CSV) read slowly by the client: at every 20,000 rows the live heap is measured after
     * a full GC. An export that held its rows or its file would hold them at every one of those points; the JVM's other
     * work (the Kafka consumers' fetch buffers come and go) can only inflate some of them. So the smallest reading
     * mid-file, against the smaller of the readings before and after the export, must be within a few MB.
     */
    @Test
    void shouldExportTwoHundredThousandRowsInConstantMemory() throws Exception {
        UUID customerId = busy;
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/customers/" + customerId + "/credits/ledger?size=" + ROWS))
                .header("Authorization", "Bearer " + Tokens.partner(PARTNER)).header("Accept", "text/csv").build();

        long before = liveHeap();
        List<Long> during = new ArrayList<>();
        int lines = 0;
        String first = null, last = null;
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        try (BufferedReader csv = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line = csv.readLine(); line != null; line = csv.readLine()) {
                if (lines == 1) first = line;
                last = line;
                if (++lines % 20_000 == 0 && lines < ROWS) during.add(liveHeap());
            }
        }
        long after = liveHeap();

        assertEquals(ROWS + 1, lines, "the header and every row");
        assertTrue(first.contains(",ADJUSTMENT,0.0000,0.0000,USD,bulk,\"'=1+2, row " + ROWS + "\","), first); // newest first
        assertTrue(last.contains("row 1\""), last);
        assertTrue(during.size() >= 9, "measured " + during);
        long growth = Collections.min(during) - Math.min(before, after);
        assertTrue(growth < 8 * MB, "the live heap grew by " + growth / MB + " MB during the export (before " + before / MB
                + " MB, after " + after / MB + " MB, during " + during.stream().map(bytes -> bytes / MB).toList() + " MB)");
    }

    @Test
    void shouldRefuseAnExportBeyondTheConcurrentLimitWith429() throws Exception {
        UUID customerId = busy;
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/customers/" + customerId + "/credits/ledger?size=" + ROWS))
                .header("Authorization", "Bearer " + Tokens.partner(PARTNER)).header("Accept", "text/csv").build();
        // each started export stays open while its client does not read (16 MB do not fit in the sockets' buffers): it holds its slot
        List<InputStream> open = new ArrayList<>();
        try {
            for (int i = 0; i < slots; i++) {
                HttpResponse<InputStream> started = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                assertEquals(200, started.statusCode());
                open.add(started.body());
            }
            given().auth().oauth2(Tokens.partner(PARTNER)).accept("text/csv").get("/api/customers/{id}/credits/ledger", customerId)
                    .then().statusCode(429).contentType("application/problem+json").header("Retry-After", "5")
                    .body("detail", containsString("ledger exports"));
            // the JSON ledger is not an export
            given().auth().oauth2(Tokens.partner(PARTNER)).get("/api/customers/{id}/credits/ledger", customerId).then().statusCode(200);
        } finally {
            for (InputStream body : open) body.close();
        }
        // a closed (or finished) export gives its slot back
        org.awaitility.Awaitility.await().atMost(Fixture.PATIENCE).until(() -> given().auth().oauth2(Tokens.partner(PARTNER))
                .accept("text/csv").queryParam("size", 1).get("/api/customers/{id}/credits/ledger", customerId).statusCode() == 200);
    }

    @Test
    void shouldRefuseAnExportSizeOutOfRangeNamingIt() {
        UUID customerId = Fixture.customer(PARTNER);
        for (String size : List.of("0", "1000001", "abc")) {
            given().auth().oauth2(Tokens.partner(PARTNER)).accept("text/csv").queryParam("size", size)
                    .get("/api/customers/{id}/credits/ledger", customerId).then().statusCode(400)
                    .contentType("application/problem+json").body("detail", containsString("size"));
        }
        given().auth().oauth2(Tokens.ops()).contentType(ContentType.JSON).accept("text/csv").queryParam("size", 1000000)
                .get("/api/customers/{id}/credits/ledger", customerId).then().statusCode(200);
    }

    /** Entries of amount zero (the ledger still adds up), each a formula-looking description with a comma. */
    private static void bulkEntries(UUID customerId, int rows) {
        QuarkusTransaction.requiringNew().run(() -> LedgerEntry.getEntityManager().createNativeQuery("""
                insert into ledger_entry (customer_id, type, amount, balance_after, reference, description, idempotency_key, created_at)
                select ?1, 'ADJUSTMENT', 0, 0, 'bulk', '=1+2, row ' || n, 'bulk:' || n, now() - (?2 - n) * interval '1 millisecond'
                from generate_series(1, ?2) as n""").setParameter(1, customerId).setParameter(2, rows).executeUpdate());
    }

    /** The heap in use after a full collection: what is really held, not garbage waiting to be collected. */
    private static long liveHeap() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        memory.gc();
        memory.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }
}
