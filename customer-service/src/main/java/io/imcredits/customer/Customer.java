package io.imcredits.customer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Version;

/** A customer company mapped to one partner. */
@Entity
public class Customer extends PanacheEntityBase {

    public enum Status {
        ACTIVE, SUSPENDED, CLOSED
    }

    /** Who pays for purchases: the partner's card (reseller card) or the customer's own. */
    public enum Payer {
        PARTNER, CUSTOMER
    }

    /** The details a partner edits on the Customer Details screen. */
    public record Details(String companyName, String contactName, String email, String phone, String country,
            String deskOrgId) {}

    /** One field's old and new value, as CustomerUpdated reports it. */
    public record Change(String from, String to) {}

    /** How the Customers list is ordered. */
    public enum Order {
        NAME("lower(companyName) asc, id asc"), NAME_DESC("lower(companyName) desc, id desc"),
        CREATED("createdAt asc, id asc"), CREATED_DESC("createdAt desc, id desc");

        final String hql;

        Order(String hql) {
            this.hql = hql;
        }

        /** The API's sort parameter: name or createdAt, a leading "-" for descending. */
        public static Order of(String sort) {
            return switch (sort) {
                case "name" -> NAME;
                case "-name" -> NAME_DESC;
                case "createdAt" -> CREATED;
                case "-createdAt" -> CREATED_DESC;
                default -> throw new IllegalArgumentException("Unknown sort " + sort);
            };
        }
    }

    /** The filters of the Customers list; null means "any". */
    public record Filter(UUID partnerId, String text, Status status) {}

    @Id
    public UUID id;

    @Column(name = "partner_id")
    public UUID partnerId;

    @Column(name = "company_name")
    public String companyName;

    @Column(name = "contact_name")
    public String contactName;

    public String email;

    public String phone;

    public String country;

    @Column(name = "desk_org_id")
    public String deskOrgId;

    @Column(name = "plan_code")
    public String planCode;

    public int agents;

    @Enumerated(EnumType.STRING)
    public Status status;

    @Enumerated(EnumType.STRING)
    public Payer payer;

    @Version
    public int version;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public static Optional<Customer> findOwned(UUID partnerId, UUID id) {
        return find("partnerId = ?1 and id = ?2", partnerId, id).firstResultOptional();
    }

    /** One page of the customers matching the filter, and how many match in all. */
    public static Page<Customer> search(Filter filter, Order order, int page, int size) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        if (filter.partnerId() != null) {
            conditions.add("partnerId = :partnerId");
            params.put("partnerId", filter.partnerId());
        }
        if (filter.status() != null) {
            conditions.add("status = :status");
            params.put("status", filter.status());
        }
        if (filter.text() != null && !filter.text().isBlank()) {
            // lower(...) like '%…%' is what the trigram indexes of V3 serve
            conditions.add("(lower(companyName) like :text escape '!' or lower(email) like :text escape '!')");
            params.put("text", "%" + escapeLike(filter.text().strip().toLowerCase()) + "%");
        }
        String where = conditions.isEmpty() ? "1 = 1" : String.join(" and ", conditions);
        List<Customer> items = find(where + " order by " + order.hql, params).page(page, size).list();
        return new Page<>(items, page, size, count(where, params));
    }

    /** Applies edited details and returns what changed, field by field, in a stable order. */
    public Map<String, Change> edit(Details details) {
        Map<String, Change> changes = new LinkedHashMap<>();
        companyName = note(changes, "companyName", companyName, details.companyName());
        contactName = note(changes, "contactName", contactName, details.contactName());
        email = note(changes, "email", email, details.email());
        phone = note(changes, "phone", phone, details.phone());
        country = note(changes, "country", country, details.country());
        deskOrgId = note(changes, "deskOrgId", deskOrgId, details.deskOrgId());
        return changes;
    }

    /** The fields the API shows but an update cannot change, as the API writes them. */
    public Map<String, Object> readOnly() {
        return Map.of("id", id, "partnerId", partnerId, "planCode", planCode, "agents", agents, "status", status.name(),
                "payer", payer.name(), "createdAt", createdAt, "updatedAt", updatedAt);
    }

    private static String note(Map<String, Change> changes, String field, String from, String to) {
        if (!Objects.equals(from, to)) changes.put(field, new Change(from, to));
        return to;
    }

    /** A search for "50%_off" means those characters, not LIKE wildcards. */
    static String escapeLike(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
