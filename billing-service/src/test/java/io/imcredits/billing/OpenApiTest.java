package io.imcredits.billing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The contract as the console shows it. */
@QuarkusTest
@WithTestResource(TestKeys.class)
class OpenApiTest {

    /** The console signs in through Keycloak (OpenID Connect discovery, code + PKCE), not with a pasted token. */
    @Test
    void shouldSignInThroughKeycloak() {
        JsonPath doc = given().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Object>> schemes = doc.getMap("components.securitySchemes");
        assertEquals(1, schemes.size(), schemes.toString());
        Map<String, Object> scheme = schemes.values().iterator().next();
        assertEquals("openIdConnect", scheme.get("type"));
        assertEquals("http://127.0.0.1:8180/realms/imcredits/.well-known/openid-configuration", scheme.get("openIdConnectUrl"));
    }

    /** Money is {"amount": "0.64", "currency": "USD"}: its helpers (signum, inWholeMinorUnits…) are not part of it. */
    @Test
    void shouldDescribeMoneyAsAmountAndCurrencyOnly() {
        JsonPath doc = given().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        Map<String, Object> properties = doc.getMap("components.schemas.Money.properties");
        assertEquals(Set.of("amount", "currency"), properties.keySet());
    }
}
