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

    /** Money is {"amount": "0.64", "currency": "USD"}: its helpers (signum, inWholeMinorUnits…) are not part of it. */
    @Test
    void shouldDescribeMoneyAsAmountAndCurrencyOnly() {
        JsonPath doc = given().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        Map<String, Object> properties = doc.getMap("components.schemas.Money.properties");
        assertEquals(Set.of("amount", "currency"), properties.keySet());
    }
}
