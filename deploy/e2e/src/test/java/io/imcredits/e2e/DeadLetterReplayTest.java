package io.imcredits.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.RestAssured;

/**
 * A record a consumer cannot apply goes to its dead-letter topic; once operations fixed the cause, deploy/kafka.sh
 * replays it and it is applied exactly once, however often it is replayed.
 */
class DeadLetterReplayTest {

    static Portal portal;

    @BeforeAll
    static void partner() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        portal = new Portal("Dead Letter Partners " + UUID.randomUUID());
    }

    @Test
    void aGrantThatFailedIsReplayedAfterTheFixAndAppliedOnce() {
        String customerId = portal.registerCustomer("Dead Letter Case " + UUID.randomUUID().toString().substring(0, 8));
        portal.putCard(customerId, Portal.CARD_OK);
        String quoteId = portal.quote(customerId, Map.of("imCredits", 10)).getString("id");

        // The fault, as a wrong migration or a hand-made change would bring it: credits-service's database refuses this
        // customer's ledger entries, so the grant fails (after its retries) and CreditsPurchased is dead-lettered.
        String trigger = "e2e_refuse_" + customerId.replace("-", "").substring(0, 12);
        psql("create function " + trigger + "() returns trigger language plpgsql as $$ begin raise exception "
                + "'ledger closed for customer % (e2e fault)', new.customer_id; end $$; create trigger " + trigger
                + " before insert on ledger_entry for each row when (new.customer_id = '" + customerId + "') execute function " + trigger + "()");
        String deadLetter;
        try {
            String orderId = portal.confirm(customerId, quoteId, UUID.randomUUID().toString());
            assertEquals("COMPLETED", portal.awaitOrderSettled(orderId, Portal.CATCH_UP).getString("status"), "paid and invoiced");
            deadLetter = await("CreditsPurchased dead-lettered").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2))
                    .until(() -> deadLetters(customerId), lines -> !lines.isEmpty()).get(0);
        } finally {
            psql("drop trigger " + trigger + " on ledger_entry; drop function " + trigger + "()"); // the fix
        }
        assertThat(deadLetter, containsString("ledger closed for customer " + customerId));
        assertThat(deadLetter, containsString("CreditsPurchased"));
        assertEquals(0, available(customerId).signum(), "nothing granted while the record waits");

        Matcher where = Pattern.compile("credits-service\\.dlq (\\d+:\\d+) ").matcher(deadLetter);
        assertTrue(where.find(), deadLetter);
        Deploy.run("kafka.sh", "replay", "credits-service", where.group(1));
        await("credits granted by the replay").atMost(Portal.CATCH_UP).pollInterval(Duration.ofMillis(250))
                .until(() -> available(customerId).compareTo(new BigDecimal("20.00")) == 0);

        double skipped = inboxDuplicates();
        Deploy.run("kafka.sh", "replay", "credits-service", where.group(1));
        await("the second replay reached credits-service and was skipped").atMost(Portal.CATCH_UP)
                .until(() -> inboxDuplicates() > skipped);
        assertEquals(0, available(customerId).compareTo(new BigDecimal("20.00")), "granted exactly once");
        assertEquals(1, deadLetters(customerId).size(), "the replay applied the record: nothing dead-lettered again");
    }

    /** The lines of `kafka.sh dead-letters credits-service` about this customer. */
    private static List<String> deadLetters(String customerId) {
        return Deploy.run("kafka.sh", "dead-letters", "credits-service").lines().filter(line -> line.contains("key " + customerId)).toList();
    }

    /** credits-service's count of deliveries its inbox skipped as already applied, from subscription-service's events. */
    private static double inboxDuplicates() {
        return given().baseUri(Portal.CREDITS).get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(line -> line.startsWith("imcredits_inbox_duplicates_total") && line.contains("source=\"subscription-service\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private static BigDecimal available(String customerId) {
        return portal.credits(customerId).getObject("available.amount", BigDecimal.class);
    }

    /** Runs SQL on credits-service's database, as operations would. */
    private static void psql(String sql) {
        try {
            Process process = new ProcessBuilder("psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "credits", "-v", "ON_ERROR_STOP=1", "-c", sql)
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) throw new IllegalStateException(sql + ":\n" + output);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
