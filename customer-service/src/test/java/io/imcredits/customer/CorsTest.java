package io.imcredits.customer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The partner portal and the OpenAPI console call the APIs from the browser at http://127.0.0.1:8081; no other origin may. */
@QuarkusTest
@WithTestResource(TestKeys.class)
class CorsTest {

    static final String PORTAL = "http://127.0.0.1:8081";

    @Test
    void shouldAllowThePortalsPreflight() {
        given().header("Origin", PORTAL).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,idempotency-key")
                .options("/api/customers")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo(PORTAL))
                .header("Access-Control-Allow-Methods", containsString("POST"))
                .header("Access-Control-Allow-Headers", containsString("Authorization"))
                .header("Access-Control-Allow-Headers", containsString("Idempotency-Key"));
    }

    @Test
    void shouldRefuseAPreflightFromAnotherOrigin() {
        given().header("Origin", "http://evil.example").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,idempotency-key")
                .options("/api/customers")
                .then().statusCode(403).header("Access-Control-Allow-Origin", nullValue());
    }

    /** The portal reads Location after a create and ETag before an update: the browser must let it. */
    @Test
    void shouldExposeTheHeadersThePortalReads() {
        UUID partner = UUID.randomUUID();
        Fixture.onboard(partner, "Cors Partner");
        String id = Fixture.register(partner, "Cors Corp", "cors@cors.example");
        given().header("Origin", PORTAL).auth().oauth2(Tokens.partner(partner)).get("/api/customers/{id}", id)
                .then().statusCode(200).header("Access-Control-Allow-Origin", equalTo(PORTAL))
                .header("Access-Control-Expose-Headers", containsString("ETag"))
                .header("Access-Control-Expose-Headers", containsString("Location"));
    }
}
