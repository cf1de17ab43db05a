package io.imcredits.credits;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Money is {"amount": "0.0305", "currency": "USD"} in answers, events and the OpenAPI document: no helper leaks into it. */
@QuarkusTest
@WithTestResource(TestKeys.class)
class MoneyJsonTest {

    static final UUID PARTNER = UUID.randomUUID();

    @Test
    void shouldAnswerMoneyAsAmountAndCurrencyOnly() {
        UUID customerId = Fixture.customer(PARTNER);
        Fixture.grant(customerId, PARTNER, "1.00");
        JsonPath balance = Fixture.balance(customerId).extract().jsonPath();
        for (String money : List.of("available", "held", "expiring", "lowBalanceThreshold", "postpaidUsed", "postpaidAllowance")) {
            Map<String, Object> value = balance.getMap(money);
            assertEquals(Set.of("amount", "currency"), value.keySet(), money + ": " + value);
            assertEquals(String.class, value.get("amount").getClass(), money + ".amount is written as a string");
        }
        await().atMost(Fixture.PATIENCE).until(() -> !Fixture.emitted(customerId, "CreditsGranted").isEmpty());
        JsonPath granted = Fixture.emitted(customerId, "CreditsGranted").get(0);
        assertEquals(Set.of("amount", "currency"), granted.getMap("data.available").keySet());
        assertEquals(Set.of("amount", "currency"), granted.getMap("data.amount").keySet());
    }

    @Test
    void shouldDescribeMoneyAsAmountAndCurrencyOnly() {
        JsonPath doc = given().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Object>> properties = doc.getMap("components.schemas.Money.properties");
        assertEquals(Set.of("amount", "currency"), properties.keySet());
        assertEquals("string", properties.get("amount").get("type"), "Money.amount is written as a string");
        assertEquals("#/components/schemas/Money", doc.getString("components.schemas.Balance.properties.available.$ref"));
    }
}
