package io.imcredits.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.restassured.RestAssured;

/**
 * A deploy stops a service with SIGTERM while events stream in. Records that reach it while it stops
 * must be processed by the next instance: none lost, none dead-lettered.
 */
@Order(3)
class GracefulStopTest {

    static Portal portal;

    @BeforeAll
    static void partner() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        portal = new Portal("Deploying Partners " + UUID.randomUUID());
    }

    @AfterEach
    void everythingRunsAgain() {
        for (String service : List.of("subscription-service", "credits-service", "billing-service")) Deploy.startService(service);
    }

    @ParameterizedTest
    @ValueSource(strings = {"billing-service", "credits-service", "subscription-service"})
    void aServiceStoppedWhileCustomersAreRegisteredLosesNoEventAndDeadLettersNone(String service) {
        Set<String> registered = ConcurrentHashMap.newKeySet();
        AtomicBoolean streaming = new AtomicBoolean(true);
        CompletableFuture<Void> stream = CompletableFuture.runAsync(() -> {
            while (streaming.get()) {
                registered.add(register());
                LockSupport.parkNanos(Duration.ofMillis(25).toNanos()); // a steady stream, not a flood
            }
        });

        await().atMost(Duration.ofSeconds(30)).until(() -> registered.size() >= 20);
        Deploy.stopService(service);
        int whileStopped = registered.size();
        Deploy.startService(service);
        await().atMost(Duration.ofSeconds(30)).until(() -> registered.size() >= whileStopped + 20);
        streaming.set(false);
        stream.join();

        Predicate<String> known = knownTo(service);
        Set<String> unknown = ConcurrentHashMap.newKeySet();
        unknown.addAll(registered);
        await(service + " caught up").atMost(Portal.CATCH_UP).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    unknown.removeIf(known);
                    return unknown.isEmpty();
                });
        assertEquals(List.of(), Topics.deadLetters(service, registered), "no registration dead-lettered by " + service);
    }

    private static String register() {
        String company = "Deploy " + UUID.randomUUID().toString().substring(0, 8);
        return portal.as(Portal.CUSTOMERS)
                .body(Map.of("companyName", company, "contactName", "Ann Lee", "email", "ann@" + company.toLowerCase().replace(' ', '-') + ".example",
                        "phone", "+44 20 7946 0958", "country", "GB", "planCode", "STANDARD", "agents", 5))
                .post("/api/customers")
                .then().statusCode(201).extract().path("id");
    }

    /** Whether the service has applied the customer's registration, as its own API shows it. */
    private static Predicate<String> knownTo(String service) {
        return switch (service) {
            case "billing-service" -> id -> portal.as(Portal.BILLING).get("/api/customers/{id}/billing-status", id).statusCode() == 200;
            case "credits-service" -> id -> portal.as(Portal.CREDITS).get("/api/customers/{id}/credits", id).statusCode() == 200;
            case "subscription-service" -> id -> portal.as(Portal.SUBSCRIPTIONS).get("/api/customers/{id}/subscription", id).statusCode() == 200;
            default -> throw new IllegalArgumentException(service);
        };
    }
}
