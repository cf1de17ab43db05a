package io.imcredits.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Keycloak's tokens, as the running system takes them. Partner and ops tokens come from deploy/keycloak.sh (bench.sh
 * passes them in); each benchmark customer's Desk is a client of its own, registered here through Keycloak's admin API
 * the first time (as deploy/keycloak.sh desk-client does) and asked for tokens with the client-credentials grant.
 */
final class Tokens {

    /** Benchmark Desk clients keep their tokens an hour: a run outlasts the realm's five minutes. */
    private static final String LIFESPAN = "3600";

    private final HttpClient http = HttpClient.newHttpClient();
    private final String keycloak = System.getProperty("bench.keycloak", "http://127.0.0.1:8180");
    private final String partner = System.getProperty("bench.partner-token");
    private final String ops = System.getProperty("bench.ops-token");
    private final String secret = "bench-" + UUID.nameUUIDFromBytes(keycloak.getBytes(StandardCharsets.UTF_8));
    private volatile String admin;

    String desk(UUID customerId) {
        return deskClient("desk-" + customerId, customerId);
    }

    /** One Desk agent of the customer: a client of its own, so each agent has its own subject (and debit rate limit). */
    String deskAgent(UUID customerId, int agent) {
        return deskClient("desk-" + customerId + "-agent-" + agent, customerId);
    }

    String partner(UUID partnerId) {
        return partner;
    }

    String ops() {
        return ops;
    }

    private String deskClient(String clientId, UUID customerId) {
        String token = clientCredentials(clientId);
        if (token != null) return token;
        register(clientId, customerId);
        token = clientCredentials(clientId);
        if (token == null) throw new IllegalStateException("Keycloak gives " + clientId + " no token");
        return token;
    }

    private void register(String clientId, UUID customerId) {
        String client = """
                {"clientId":"%s","publicClient":false,"secret":"%s","serviceAccountsEnabled":true,"standardFlowEnabled":false,\
                "attributes":{"access.token.lifespan":"%s"},"protocolMappers":[\
                {"name":"audience","protocol":"openid-connect","protocolMapper":"oidc-audience-mapper",\
                "config":{"included.custom.audience":"imcredits-api","access.token.claim":"true"}},\
                {"name":"groups","protocol":"openid-connect","protocolMapper":"oidc-hardcoded-claim-mapper",\
                "config":{"claim.name":"groups","claim.value":"[\\"desk\\"]","jsonType.label":"JSON","access.token.claim":"true"}},\
                {"name":"customer_id","protocol":"openid-connect","protocolMapper":"oidc-hardcoded-claim-mapper",\
                "config":{"claim.name":"customer_id","claim.value":"%s","jsonType.label":"String","access.token.claim":"true"}}]}"""
                .formatted(clientId, secret, LIFESPAN, customerId);
        HttpResponse<String> response = post(client);
        if (response.statusCode() == 401) { // the admin token lives a minute: a new one
            admin = null;
            response = post(client);
        }
        if (response.statusCode() != 201 && response.statusCode() != 409) {
            throw new IllegalStateException("Keycloak refused client " + clientId + ": " + response.statusCode() + " " + response.body());
        }
    }

    private HttpResponse<String> post(String client) {
        return send(HttpRequest.newBuilder(URI.create(keycloak + "/admin/realms/imcredits/clients"))
                .header("Authorization", "Bearer " + adminToken()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(client)).build());
    }

    private String clientCredentials(String clientId) {
        return token("/realms/imcredits/protocol/openid-connect/token",
                Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
    }

    private String adminToken() {
        if (admin == null) {
            admin = token("/realms/master/protocol/openid-connect/token",
                    Map.of("grant_type", "password", "client_id", "admin-cli", "username", "admin", "password", "admin"));
        }
        return admin;
    }

    /** The access token of a token-endpoint answer, or null when the endpoint refuses (e.g. an unknown client). */
    private String token(String path, Map<String, String> form) {
        String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(keycloak + path))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build());
        if (response.statusCode() != 200) return null;
        try {
            return Bench.JSON.readTree(response.body()).get("access_token").asText();
        } catch (Exception e) {
            throw new IllegalStateException("Keycloak answered no token: " + response.body(), e);
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException("Keycloak does not answer at " + keycloak, e);
        }
    }
}
