package io.imcredits.subscription;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The partner portal and the OpenAPI console on customer-service (port 8081) call this API from the browser; no other page may. */
@QuarkusTest
@WithTestResource(TestKeys.class)
class CorsTest {

    @Test
    void shouldLetThePortalSendAnIdempotentPurchase() {
        given().header("Origin", "http://127.0.0.1:8081").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,idempotency-key")
                .options("/api/customers/{id}/license-updates", UUID.randomUUID())
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo("http://127.0.0.1:8081"))
                .header("Access-Control-Allow-Methods", containsStringIgnoringCase("POST"))
                .header("Access-Control-Allow-Headers", containsStringIgnoringCase("Authorization"))
                .header("Access-Control-Allow-Headers", containsStringIgnoringCase("Idempotency-Key"));
    }

    /** Quarkus refuses a preflight from an origin it does not list (403) and grants it nothing. */
    @Test
    void shouldNotLetAnotherOriginCall() {
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,idempotency-key")
                .options("/api/customers/{id}/license-updates", UUID.randomUUID())
                .then().statusCode(403).header("Access-Control-Allow-Origin", nullValue());
    }

    /** The browser reads Location (a new order) and Retry-After only if the answer exposes them. */
    @Test
    void shouldExposeTheHeadersTheBrowserReads() {
        given().header("Origin", "http://127.0.0.1:8081").get("/api/plans").then()
                .header("Access-Control-Allow-Origin", equalTo("http://127.0.0.1:8081"))
                .header("Access-Control-Expose-Headers", containsStringIgnoringCase("Location"));
    }
}
