package io.imcredits.customer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Through a broker outage the service stays ready; what waits for the broker shows in the outbox's wellness check. */
@QuarkusTest
@WithTestResource(TestKeys.class)
class OutboxHealthTest {

    @Test
    void readinessLeavesTheBrokerOutAndWellnessShowsTheOutbox() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name.contains('Reactive Messaging') }.data", nullValue()); // no channel counts
        given().get("/q/health/well").then().statusCode(200)
                .body("checks.find { it.name == 'outbox' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'outbox' }.data.unsent", greaterThanOrEqualTo(0))
                .body("checks.find { it.name == 'outbox' }.data.oldestWaitingSeconds", greaterThanOrEqualTo(0));
    }
}
