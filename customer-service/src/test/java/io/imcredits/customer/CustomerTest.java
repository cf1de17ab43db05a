package io.imcredits.customer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CustomerTest {

    private static Customer zylker() {
        Customer customer = new Customer();
        customer.companyName = "Zylker Corp";
        customer.contactName = "Ann Lee";
        customer.email = "ann@zylker.example";
        customer.phone = "+44 20 7946 0958";
        customer.country = "GB";
        return customer;
    }

    @Test
    void shouldReportEachChangedFieldWithItsOldAndNewValue() {
        Customer customer = zylker();
        Map<String, Customer.Change> changes = customer.edit(
                new Customer.Details("Zylker Corp", "Ann Lee", "support@zylker.example", null, "IE", "desk-7"));

        assertEquals(List.of("email", "phone", "country", "deskOrgId"), List.copyOf(changes.keySet()));
        assertEquals(new Customer.Change("ann@zylker.example", "support@zylker.example"), changes.get("email"));
        assertEquals(new Customer.Change("+44 20 7946 0958", null), changes.get("phone"));
        assertEquals(new Customer.Change(null, "desk-7"), changes.get("deskOrgId"));
        assertEquals("IE", customer.country);
        assertEquals("desk-7", customer.deskOrgId);
    }

    @Test
    void shouldReportNothingWhenNothingChanged() {
        Customer customer = zylker();
        assertTrue(customer.edit(new Customer.Details("Zylker Corp", "Ann Lee", "ann@zylker.example",
                "+44 20 7946 0958", "GB", null)).isEmpty());
    }

    @Test
    void shouldSearchForWildcardCharactersLiterally() {
        assertEquals("50!% off!_now!!", Customer.escapeLike("50% off_now!"));
        assertEquals("zylker", Customer.escapeLike("zylker"));
    }

    @Test
    void shouldReadTheSortParameter() {
        assertEquals(Customer.Order.NAME, Customer.Order.of("name"));
        assertEquals(Customer.Order.NAME_DESC, Customer.Order.of("-name"));
        assertEquals(Customer.Order.CREATED, Customer.Order.of("createdAt"));
        assertEquals(Customer.Order.CREATED_DESC, Customer.Order.of("-createdAt"));
        assertThrows(IllegalArgumentException.class, () -> Customer.Order.of("email"));
    }
}
