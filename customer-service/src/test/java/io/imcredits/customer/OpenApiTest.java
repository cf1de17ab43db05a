package io.imcredits.customer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Operations use Swagger UI as their console: every endpoint is there, with its answers and examples. */
@QuarkusTest
@WithTestResource(TestKeys.class)
class OpenApiTest {

    @Test
    void shouldDocumentEveryEndpointWithItsAnswersAndExamples() {
        JsonPath doc = given().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        String customers = "paths.'/api/customers'";
        String customer = "paths.'/api/customers/{id}'";
        String deals = "paths.'/api/customers/{customerId}/deals'";
        String approval = "paths.'/api/customers/{customerId}/deals/{dealId}/approval'";

        given().get("/q/openapi?format=json").then()
                .body(customers + ".post.responses", hasKey("201"), customers + ".post.responses", not(hasKey("200")))
                .body(customers + ".get.summary", notNullValue())
                .body(customer + ".get.responses", hasKey("404"))
                .body(customer + ".put.responses", hasKey("409"), customer + ".put.responses", hasKey("428"))
                .body(deals + ".post.responses", hasKey("201"), deals + ".post.responses", hasKey("409"))
                .body(deals + ".get.summary", notNullValue())
                .body("paths.'/api/customers/{customerId}/deals/{dealId}'.get.summary", notNullValue())
                .body(approval + ".post.responses", hasKey("409"))
                .body("paths.'/api/partners/me'.get.summary", notNullValue());
        for (String schema : List.of("CustomerRequest", "CustomerUpdate", "DealRequest", "MoneyRequest", "DecisionRequest", "Request")) {
            Map<String, Map<String, Object>> properties = doc.getMap("components.schemas." + schema + ".properties");
            properties.forEach((name, property) -> {
                if (name.equals("estimatedValue")) return; // a MoneyRequest, checked on its own
                assertNotNull(property.get("examples"), schema + "." + name + " has an example");
            });
        }
    }

    /** The console signs in through Keycloak (authorization code + PKCE) and lists all four services' APIs. */
    @Test
    void shouldSignInThroughKeycloakAndListEveryService() {
        JsonPath doc = given().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Object>> schemes = doc.getMap("components.securitySchemes");
        assertEquals(1, schemes.size(), "one security scheme: " + schemes);
        Map<String, Object> scheme = schemes.values().iterator().next();
        assertEquals("openIdConnect", scheme.get("type"));
        assertEquals("http://127.0.0.1:8180/realms/imcredits/.well-known/openid-configuration", scheme.get("openIdConnectUrl"));

        given().get("/q/swagger-ui/").then().statusCode(200)
                .body(containsString("imcredits-console"), containsString("usePkceWithAuthorizationCodeGrant: true"),
                        containsString("http://127.0.0.1:8082/q/openapi"), containsString("http://127.0.0.1:8083/q/openapi"),
                        containsString("http://127.0.0.1:8084/q/openapi"), containsString("customer-service"));
    }

    /** Money is {"amount": "12.50", "currency": "USD"}: no helper of the value type leaks into the contract. */
    @Test
    void shouldDescribeMoneyAsAmountAndCurrencyOnly() {
        JsonPath doc = given().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        for (String schema : List.of("Money", "MoneyRequest")) {
            Map<String, Map<String, Object>> properties = doc.getMap("components.schemas." + schema + ".properties");
            assertEquals(Set.of("amount", "currency"), properties.keySet(), schema);
            assertEquals("string", properties.get("amount").get("type"), schema + ".amount is written as a string");
        }
        assertEquals("#/components/schemas/Money", doc.getString("components.schemas.DealView.properties.estimatedValue.$ref"));
    }
}
