package io.imcredits.credits;

import static io.imcredits.credits.Fixture.customer;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Tokens are verified once and then served from memory (VerifiedTokens): never past their expiry, and never one
 * issued beyond the clock skew (5 s) in the future. Time is driven through the tokens' iat and exp, not by sleeping.
 */
@QuarkusTest
@WithTestResource(TestKeys.class)
class VerifiedTokensTest {

    @Test
    void shouldRefuseACachedTokenOnceItHasExpired() {
        UUID customerId = customer(UUID.randomUUID());
        String token = Tokens.desk(customerId, Duration.ofSeconds(3));

        for (int i = 0; i < 3; i++) { // verified the first time, then remembered
            given().auth().oauth2(token).get("/api/customers/{id}/credits", customerId).then().statusCode(200);
        }
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250))
                .until(() -> given().auth().oauth2(token).get("/api/customers/{id}/credits", customerId).then().extract().statusCode() == 401);
        given().auth().oauth2(Tokens.desk(customerId)).get("/api/customers/{id}/credits", customerId).then().statusCode(200);
    }

    /** Clocks drift: a token issued a few seconds "from now" is fine, one issued beyond the 5 s skew is not, ever. */
    @Test
    void shouldRefuseATokenIssuedBeyondTheClockSkew() {
        UUID partnerId = UUID.randomUUID();
        UUID customerId = customer(partnerId);
        given().auth().oauth2(Tokens.issuedAhead(partnerId, Duration.ofSeconds(3)))
                .get("/api/customers/{id}/credits", customerId).then().statusCode(200);
        for (Duration ahead : List.of(Duration.ofSeconds(30), Duration.ofHours(1))) {
            String future = Tokens.issuedAhead(partnerId, ahead);
            for (int i = 0; i < 2; i++) { // refused, and not remembered as verified either
                given().auth().oauth2(future).get("/api/customers/{id}/credits", customerId)
                        .then().statusCode(401).contentType("application/problem+json").header("WWW-Authenticate", "Bearer");
            }
        }
    }
}
