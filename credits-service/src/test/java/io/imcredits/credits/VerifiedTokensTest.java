package io.imcredits.credits;

import static io.imcredits.credits.Fixture.customer;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Tokens are verified once and then served from memory (VerifiedTokens): never past their expiry. */
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
}
