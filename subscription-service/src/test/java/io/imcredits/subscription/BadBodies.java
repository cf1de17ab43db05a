package io.imcredits.subscription;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Hostile variants of a valid JSON body, each breaking one field one way, as an attacker or a clumsy
 * client would send them. A case that must be refused expects a 400 naming the field; the others may be
 * accepted (an SQL fragment is a legal company name) but must never be a 500.
 */
final class BadBodies {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** A date (2027-03-31) or a timestamp (2027-03-31T10:15:30Z) field, recognised by its valid value. */
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(T.*)?");

    /** field is the name a refusal must mention (null: the body as a whole). */
    record Case(String what, String field, boolean mustRefuse, UnaryOperator<String> breaking) {

        String body(String valid) {
            return breaking.apply(valid);
        }

        @Override
        public String toString() {
            return what + (field == null ? "" : " in " + field);
        }
    }

    private BadBodies() {}

    /** A body the operation accepts, so a refusal is about who calls, not what is sent. */
    static String validBody(String operation, UUID customerId, String quoteId) {
        return switch (operation) {
            case "POST /api/customers/{id}/quotes" -> """
                    {"planCode": "PROFESSIONAL", "agents": 8, "addOns": [{"code": "WHATSAPP_NUMBER", "quantity": 2}], "imCredits": 25}""";
            case "POST /api/customers/{id}/license-updates" -> "{\"quoteId\": \"%s\"}".formatted(quoteId);
            case "POST /api/customers/{id}/subscription/scheduled-change" -> """
                    {"planCode": "STANDARD", "agents": 2, "billingCycle": "MONTHLY", "removeAddOns": [], "cancel": false}""";
            case "PUT /api/customers/{id}/auto-recharge" -> """
                    {"enabled": true, "threshold": {"amount": "20.00", "currency": "USD"}, "credits": 100, "monthlyMaxRecharges": 5,
                     "monthlyMaxAmount": {"amount": "1000.00", "currency": "USD"}}""";
            case "POST /api/renewals/run" -> "{\"until\": \"%s\", \"customerId\": \"%s\"}".formatted(java.time.Instant.now(), customerId);
            default -> throw new AssertionError("New operation " + operation + ": give it a valid body here, for IsolationTest and BadInputTest");
        };
    }

    static List<Case> of(String validJson) {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("malformed JSON", null, true, valid -> valid.substring(0, valid.length() / 2)));
        cases.add(new Case("an array instead of an object", null, true, valid -> "[" + valid + "]"));
        cases.add(new Case("a bare string", null, true, valid -> "\"hello\""));
        cases.add(new Case("an empty body", null, true, valid -> ""));
        cases.add(new Case("an unknown field", "sneaky", true, valid -> edit(valid, "", (node, f) -> ((ObjectNode) node).put("sneaky", true))));
        fields(read(validJson), "", cases);
        return cases;
    }

    private static void fields(JsonNode node, String prefix, List<Case> cases) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            String path = prefix + name;
            JsonNode value = node.get(name);
            cases.add(set("missing", path, false, null));
            cases.add(set("null", path, false, NODES.nullNode()));
            if (value.isTextual()) {
                cases.add(set("an object for text", path, true, NODES.objectNode()));
                cases.add(set("a NUL character", path, true, NODES.textNode("ab\u0000cd")));
                cases.add(set("a 100 000 character string", path, true, NODES.textNode("x".repeat(100_000))));
                cases.add(set("an empty string", path, false, NODES.textNode("")));
                cases.add(set("blanks", path, false, NODES.textNode("   ")));
                cases.add(set("an SQL fragment", path, false, NODES.textNode("x'); DROP TABLE outbox; --")));
                cases.add(set("a script", path, false, NODES.textNode("<script>alert(1)</script>")));
                cases.add(set("Unicode edge cases", path, false, NODES.textNode("Zyłker \uD83D\uDE00 \u202Egnp.exe \uFEFF \uD800")));
                cases.add(set("an invalid UUID", path, false, NODES.textNode("not-a-uuid")));
                if (DATE.matcher(value.asText()).matches()) dates(value.asText(), path, cases);
            } else if (value.isNumber()) {
                cases.add(set("text for a number", path, true, NODES.textNode("twelve")));
                cases.add(set("a negative number", path, false, NODES.numberNode(-1)));
                cases.add(set("zero", path, false, NODES.numberNode(0)));
                cases.add(set("an enormous number", path, false, NODES.numberNode(new java.math.BigDecimal("1e30"))));
                if (value.isIntegralNumber()) cases.add(set("a fraction for a whole number", path, true, NODES.numberNode(2.5)));
            } else if (value.isObject()) {
                cases.add(set("text for an object", path, true, NODES.textNode("abc")));
                fields(value, path + ".", cases);
            } else if (value.isArray()) {
                cases.add(set("text for a list", path, true, NODES.textNode("abc")));
                cases.add(set("a list of 10 000 empty elements", path, true, emptied(value)));
                if (!value.isEmpty() && value.get(0).isObject()) fields(value.get(0), path + "[0].", cases);
            } else if (value.isBoolean()) {
                cases.add(set("an object for a boolean", path, true, NODES.objectNode()));
            }
        }
    }

    /** Every list has a largest size: 10,000 elements, each broken, are refused as one list too long, not one by one. */
    private static ArrayNode emptied(JsonNode list) {
        ArrayNode many = NODES.arrayNode();
        boolean objects = !list.isEmpty() && list.get(0).isObject();
        for (int i = 0; i < 10_000; i++) many.add(objects ? NODES.objectNode() : NODES.nullNode());
        return many;
    }

    /** A date or a timestamp moved a billion years away (refused: no database stores it) or to year 0 or 9999. */
    private static void dates(String valid, String path, List<Case> cases) {
        String time = valid.substring(10);
        for (String date : Sweep.FAR_DATES) cases.add(set("the date " + date, path, true, NODES.textNode(date + time)));
        for (String date : Sweep.EDGE_DATES) cases.add(set("the date " + date, path, false, NODES.textNode(date + time)));
    }

    /** Replaces (or, with null, removes) the field at a dotted path such as estimatedValue.amount or addOns[0].code. */
    private static Case set(String what, String path, boolean mustRefuse, JsonNode replacement) {
        String field = path.substring(path.lastIndexOf('.') + 1);
        return new Case(what, field, mustRefuse, valid -> edit(valid, path, (parent, leaf) -> {
            if ("missing".equals(what)) ((ObjectNode) parent).remove(leaf);
            else
                ((ObjectNode) parent).set(leaf, replacement);
        }));
    }

    private interface Edit {
        void apply(JsonNode parent, String leaf);
    }

    private static String edit(String valid, String path, Edit edit) {
        JsonNode root = read(valid);
        JsonNode parent = root;
        String[] steps = path.isEmpty() ? new String[]{""} : path.split("\\.");
        for (int i = 0; i < steps.length - 1; i++) parent = step(parent, steps[i]);
        edit.apply(parent, steps[steps.length - 1]);
        return root.toString();
    }

    private static JsonNode step(JsonNode node, String step) {
        if (step.endsWith("[0]")) return ((ArrayNode) node.get(step.substring(0, step.length() - 3))).get(0);
        return node.get(step);
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException("Not JSON: " + json, e);
        }
    }
}
