package io.imcredits.e2e;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;

import io.restassured.response.Response;

/** The realm's token endpoint and the parts of Keycloak's admin API the sign-in tests use (keys). */
final class Keycloak {

    static final String URL = "http://127.0.0.1:8180";
    private static final String ADMIN = URL + "/admin/realms/imcredits";
    private static final String KEY_PROVIDER = "org.keycloak.keys.KeyProvider";

    private Keycloak() {}

    /** A password-grant token of the imcredits realm through the given client; fails when Keycloak refuses or is down. */
    static String passwordToken(String client, String username, String password) {
        return token(URL + "/realms/imcredits/protocol/openid-connect/token",
                Map.of("grant_type", "password", "client_id", client, "username", username, "password", password));
    }

    /** The bootstrap admin's token: a token of another realm (master) for the services. */
    static String adminToken() {
        return token(URL + "/realms/master/protocol/openid-connect/token",
                Map.of("grant_type", "password", "client_id", "admin-cli", "username", "admin", "password", "admin"));
    }

    /** Adds a generated RS256 key above every other (the highest priority signs from now on); returns its component id. */
    static String addSigningKey() {
        String realmId = admin().get(ADMIN).then().statusCode(200).extract().path("id");
        int priority = keyProviders().stream().mapToInt(p -> Integer.parseInt(((List<?>) ((Map<?, ?>) p.get("config")).get("priority")).get(0).toString()))
                .max().orElse(0) + 100;
        Response created = admin().contentType("application/json")
                .body(Map.of("name", "rsa-rotated-" + priority, "providerId", "rsa-generated", "providerType", KEY_PROVIDER,
                        "parentId", realmId, "config", Map.of("priority", List.of(String.valueOf(priority)), "keySize", List.of("2048"))))
                .post(ADMIN + "/components");
        created.then().statusCode(201);
        String location = created.header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** Removes every RSA signing key but the given one: tokens they signed must be refused from now on. */
    static void removeSigningKeysExcept(String keep) {
        for (Map<String, Object> provider : keyProviders()) {
            String id = (String) provider.get("id");
            if (!id.equals(keep) && String.valueOf(provider.get("providerId")).startsWith("rsa")) {
                admin().delete(ADMIN + "/components/{id}", id).then().statusCode(204);
            }
        }
    }

    /** Sets the realm's access-token lifespan (the portal's tokens; the test client keeps its own); returns the old one. */
    static int setAccessTokenLifespan(int seconds) {
        int before = admin().get(ADMIN).then().statusCode(200).extract().path("accessTokenLifespan");
        admin().contentType("application/json").body(Map.of("accessTokenLifespan", seconds)).put(ADMIN).then().statusCode(204);
        return before;
    }

    /** Ends every session of the user, as an administrator's "sign out" does: no refresh token of theirs works after. */
    static void endSessions(String username) {
        List<String> ids = admin().queryParam("username", username).queryParam("exact", true).get(ADMIN + "/users")
                .then().statusCode(200).extract().path("id");
        admin().post(ADMIN + "/users/{id}/logout", ids.get(0)).then().statusCode(204);
    }

    private static List<Map<String, Object>> keyProviders() {
        return admin().queryParam("type", KEY_PROVIDER).get(ADMIN + "/components").then().statusCode(200).extract().jsonPath().getList("$");
    }

    private static io.restassured.specification.RequestSpecification admin() {
        return given().auth().oauth2(adminToken());
    }

    private static String token(String endpoint, Map<String, String> form) {
        Response response;
        try {
            response = given().formParams(form).post(endpoint);
        } catch (Exception e) { // RestAssured throws ConnectException undeclared
            throw new IllegalStateException("Keycloak does not answer at " + endpoint, e);
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException(endpoint + " answered " + response.statusCode() + ": " + response.asString());
        }
        return response.path("access_token");
    }
}
