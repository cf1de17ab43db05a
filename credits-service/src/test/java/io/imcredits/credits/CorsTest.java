package io.imcredits.credits;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The partner portal and the OpenAPI console on customer-service (port 8081) call this API from the browser; no other page may. */
@QuarkusTest
@WithTestResource(TestKeys.class)
class CorsTest {

    static final String PORTAL = "http://127.0.0.1:8081";

    @Test
    void shouldLetThePortalSendAnIdempotentAdjustment() {
        preflight(PORTAL).then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo(PORTAL))
                .header("Access-Control-Allow-Methods", containsStringIgnoringCase("POST"))
                .header("Access-Control-Allow-Headers", containsStringIgnoringCase("Authorization"))
                .header("Access-Control-Allow-Headers", containsStringIgnoringCase("Idempotency-Key"));
    }

    @Test
    void shouldNotLetAnotherOriginCall() {
        Response response = preflight("https://evil.example");
        response.then().header("Access-Control-Allow-Origin", not(equalTo("https://evil.example")))
                .header("Access-Control-Allow-Origin", not(equalTo("*")));
        assertTrue(response.statusCode() >= 400 || response.header("Access-Control-Allow-Origin") == null,
                "a foreign origin's preflight is refused: " + response.statusCode() + " " + response.headers());
    }

    /** The browser reads Location (a new debit or hold) and Retry-After (the rate limit) only if the answer exposes them. */
    @Test
    void shouldExposeTheHeadersTheBrowserReads() {
        given().header("Origin", PORTAL).auth().oauth2(Tokens.ops()).get("/api/rate-card").then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo(PORTAL))
                .header("Access-Control-Expose-Headers", containsStringIgnoringCase("Location"))
                .header("Access-Control-Expose-Headers", containsStringIgnoringCase("Retry-After"));
    }

    private static Response preflight(String origin) {
        return given().header("Origin", origin).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,idempotency-key")
                .options("/api/customers/{id}/credits/adjustments", UUID.randomUUID());
    }
}
