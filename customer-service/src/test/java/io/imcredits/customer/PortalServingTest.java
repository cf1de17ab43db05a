package io.imcredits.customer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** customer-service serves the partner portal: its page, its settings and every library its import map names. */
@QuarkusTest
@WithTestResource(TestKeys.class)
class PortalServingTest {

    @Test
    void shouldLeadThePortalsAddressToItsPage() {
        given().redirects().follow(false).get("/portal")
                .then().statusCode(302).header("Location", endsWith("/portal/"));
        given().get("/portal/")
                .then().statusCode(200).contentType(containsString("text/html")).body(containsString("<script type=\"importmap\">"));
    }

    @Test
    void shouldServeEveryModuleTheImportMapNamesFromMavenJars() {
        String page = given().get("/portal/").then().statusCode(200).extract().asString();
        Matcher imports = Pattern.compile("\"([a-z0-9-]+)\": \"(/[^\"]+)\"").matcher(page);
        List<String> paths = imports.results().map(found -> found.group(2)).toList();
        assertFalse(paths.isEmpty(), "the page has an import map");
        // keycloak-js, its two dependencies and ECharts, without versions in the path (web dependency locator)
        for (String path : paths) given().get(path).then().statusCode(200).contentType(containsString("javascript"));
    }

    @Test
    void shouldTellTheBrowserWhereToSignInAndWhereTheApisAre() {
        given().get("/portal/config.json")
                .then().statusCode(200)
                .body("realm", equalTo("imcredits"))
                .body("clientId", equalTo("imcredits-portal"))
                .body("keycloakUrl", equalTo("http://127.0.0.1:8180"))
                .body("apis.subscriptions", equalTo("http://127.0.0.1:8082"))
                .body("apis.credits", equalTo("http://127.0.0.1:8083"))
                .body("apis.billing", equalTo("http://127.0.0.1:8084"));
    }
}
