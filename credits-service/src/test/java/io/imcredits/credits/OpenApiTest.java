package io.imcredits.credits;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The OpenAPI console signs in through Keycloak (OpenID Connect discovery), not with a pasted token. */
@QuarkusTest
@WithTestResource(TestKeys.class)
class OpenApiTest {

    @Test
    void shouldSignInThroughKeycloak() {
        JsonPath doc = given().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Object>> schemes = doc.getMap("components.securitySchemes");
        assertEquals(1, schemes.size(), schemes.toString());
        Map<String, Object> scheme = schemes.values().iterator().next();
        assertEquals("openIdConnect", scheme.get("type"));
        assertEquals("http://127.0.0.1:8180/realms/imcredits/.well-known/openid-configuration", scheme.get("openIdConnectUrl"));
        String console = given().get("/q/swagger-ui/").then().statusCode(200).extract().asString();
        assertTrue(console.contains("imcredits-console") && console.contains("usePkceWithAuthorizationCodeGrant"), console);
    }
}
