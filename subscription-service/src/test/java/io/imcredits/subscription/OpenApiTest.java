package io.imcredits.subscription;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The OpenAPI document is the contract partners and operations read (Swagger UI is the console). */
@QuarkusTest
@WithTestResource(TestKeys.class)
class OpenApiTest {

    /** Money is {"amount": "51.50", "currency": "USD"}: no helper of the value type leaks into the contract. */
    @Test
    void shouldDescribeMoneyAsAmountAndCurrencyOnly() {
        JsonPath doc = given().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Object>> properties = doc.getMap("components.schemas.Money.properties");
        assertEquals(Set.of("amount", "currency"), properties.keySet());
        assertEquals("string", properties.get("amount").get("type"), "Money.amount is written as a string");
        for (String field : List.of("QuoteView.properties.total", "QuoteView.properties.creditBalance", "OrderView.properties.total",
                "Line.properties.unitPrice", "Line.properties.amount")) {
            assertEquals("#/components/schemas/Money", doc.getString("components.schemas." + field + ".$ref"), field);
        }
    }

    /** The console signs in through Keycloak (OpenID Connect discovery), not with a pasted token. */
    @Test
    void shouldSignInThroughKeycloak() {
        JsonPath doc = given().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Object>> schemes = doc.getMap("components.securitySchemes");
        assertEquals(1, schemes.size(), schemes.toString());
        Map<String, Object> scheme = schemes.values().iterator().next();
        assertEquals("openIdConnect", scheme.get("type"));
        assertEquals("http://127.0.0.1:8180/realms/imcredits/.well-known/openid-configuration", scheme.get("openIdConnectUrl"));
    }

    /** A client learns the largest list before sending it. */
    @Test
    void shouldDeclareTheLargestNumberOfAddOnsPerQuote() {
        JsonPath doc = given().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        assertEquals(20, doc.getInt("components.schemas.QuoteRequest.properties.addOns.maxItems"));
    }
}
