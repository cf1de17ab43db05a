package io.imcredits.subscription;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Whether the broker can be reached shows in a health group of its own and on /q/metrics, never in readiness. */
@QuarkusTest
@WithTestResource(TestKeys.class)
class BrokerHealthTest {

    static final String APP = "application=\"subscription-service\"";

    @Test
    void shouldShowTheReachableBrokerInItsOwnGroupAndOnMetricsButNotInReadiness() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/group/broker").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'broker' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'broker' }.data.nodes", greaterThanOrEqualTo(1))
                .body("checks.find { it.name == 'broker' }.data.probedAt", notNullValue()));

        given().get("/q/health/ready").then().body("checks.name", not(hasItem("broker")));
        given().get("/q/health").then().body("checks.name", not(hasItem("broker"))); // /q/health leaves the groups out
        assertEquals(1.0, Scrape.now().value("imcredits_broker_up", APP));
    }
}
