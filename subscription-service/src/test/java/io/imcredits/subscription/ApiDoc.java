package io.imcredits.subscription;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Every /api operation as the service's own OpenAPI document lists it, so an endpoint added later is
 * swept by the isolation and bad-input suites without anyone remembering to add it.
 */
final class ApiDoc {

    private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");

    private ApiDoc() {}

    /** A query parameter with what its schema says: type, format and the largest value it allows (null: none). */
    record Param(String name, String type, String format, Long maximum) {

        boolean isInteger() {
            return "integer".equals(type);
        }

        /** A date or a timestamp by its format, or by the names the APIs give time ranges. */
        boolean isDate() {
            return "date".equals(format) || "date-time".equals(format) || Set.of("from", "to").contains(name);
        }
    }

    record Operation(String method, String path, Set<String> roles, boolean hasBody, List<Param> queryParams) {

        String key() {
            return method + " " + path;
        }

        boolean allows(String role) {
            return roles.contains(role);
        }

        /** Whether the path names a resource (a customer, an order…): another tenant must get 404 there. */
        boolean namesResource() {
            return path.contains("{");
        }

        /** The path with each {name} replaced by ids.get(name), or by a fresh UUID when the test has none. */
        String address(Map<String, String> ids) {
            Matcher param = PARAM.matcher(path);
            StringBuilder address = new StringBuilder();
            while (param.find()) {
                param.appendReplacement(address, ids.getOrDefault(param.group(1), UUID.randomUUID().toString()));
            }
            return param.appendTail(address).toString();
        }

        /** The same path with every {name} replaced by the given text (e.g. an invalid UUID). */
        String addressWith(String text) {
            return PARAM.matcher(path).replaceAll(Matcher.quoteReplacement(text));
        }

        Response call(String token, String address, String body) {
            RequestSpecification request = given().redirects().follow(false);
            if (token != null) request.auth().oauth2(token);
            // Money-moving POSTs want an Idempotency-Key; a fresh one keeps each call a new request.
            if (body != null) request.contentType("application/json").header("Idempotency-Key", UUID.randomUUID().toString()).body(body);
            return request.request(method, address);
        }

        @Override
        public String toString() {
            return key();
        }
    }

    @SuppressWarnings("unchecked")
    static List<Operation> operations() {
        JsonPath doc = given().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Map<String, Object>>> paths = doc.getMap("paths");
        List<Operation> operations = new ArrayList<>();
        paths.forEach((path, methods) -> {
            if (!path.startsWith("/api/")) return;
            methods.forEach((method, operation) -> {
                if (!Set.of("get", "put", "post", "delete", "patch").contains(method)) return;
                List<Map<String, List<String>>> security = (List<Map<String, List<String>>>) operation.getOrDefault("security", List.of());
                Set<String> roles = security.stream().flatMap(s -> s.values().stream()).flatMap(List::stream)
                        .collect(java.util.stream.Collectors.toSet());
                List<Map<String, Object>> parameters = (List<Map<String, Object>>) operation.getOrDefault("parameters", List.of());
                List<Param> query = parameters.stream().filter(p -> "query".equals(p.get("in"))).map(ApiDoc::param).toList();
                operations.add(new Operation(method.toUpperCase(), path, roles, operation.containsKey("requestBody"), query));
            });
        });
        operations.sort(Comparator.comparing(Operation::key));
        return operations;
    }

    @SuppressWarnings("unchecked")
    private static Param param(Map<String, Object> parameter) {
        Map<String, Object> schema = (Map<String, Object>) parameter.getOrDefault("schema", Map.of());
        Object maximum = schema.get("maximum");
        return new Param((String) parameter.get("name"), (String) schema.get("type"), (String) schema.get("format"),
                maximum == null ? null : new java.math.BigDecimal(maximum.toString()).longValueExact());
    }
}
