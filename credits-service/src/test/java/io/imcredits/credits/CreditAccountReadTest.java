package io.imcredits.credits;

import static io.imcredits.credits.Fixture.account;
import static io.imcredits.credits.Fixture.customer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;

/**
 * The balance read without Hibernate, by the reactive client (CreditAccount.read), answers what the entity holds, column for column: a column
 * added to the entity but not to the statement fails here, not in Desk.
 */
@QuarkusTest
@WithTestResource(TestKeys.class)
class CreditAccountReadTest {

    @Inject
    Pool pool;

    @Test
    void shouldReadEveryColumnTheEntityHolds() {
        UUID plain = customer(UUID.randomUUID()), everySet = customer(UUID.randomUUID());
        // every column away from its default, the nullable ones set
        QuarkusTransaction.requiringNew().run(() -> CreditAccount.getEntityManager().createNativeQuery("""
                update credit_account set available = 12.3456, held = 1.5, low_balance_threshold = 20, overage_limit = 50,
                       standing = 'PAST_DUE', low_alerted = true, auto_recharge_threshold = 5.25, auto_recharge_version = 7,
                       expiring = 2.0001, postpaid_used = 0.0815, postpaid_period = date '2026-11-01',
                       updated_at = timestamptz '2026-11-30 01:02:03.456789+00'
                where customer_id = ?1""").setParameter(1, everySet).executeUpdate());

        for (UUID customerId : List.of(plain, everySet)) {
            CreditAccount loaded = account(customerId), read = read(customerId).orElseThrow();
            for (Field field : columns()) {
                assertEquals(value(field, loaded), value(field, read), field.getName() + " of " + customerId);
            }
        }
        CreditAccount read = read(everySet).orElseThrow();
        assertEquals(CreditAccount.Standing.PAST_DUE, read.standing);
        assertTrue(read.lowAlerted);
    }

    @Test
    void shouldReadNothingForAnAccountNotOpened() {
        assertFalse(read(UUID.randomUUID()).isPresent());
    }

    private Optional<CreditAccount> read(UUID customerId) {
        return CreditAccount.read(pool, customerId).await().atMost(Duration.ofSeconds(10));
    }

    /** The entity's persistent fields (not the ones Hibernate's bytecode enhancement adds). */
    private static List<Field> columns() {
        List<Field> fields = Arrays.stream(CreditAccount.class.getDeclaredFields())
                .filter(f -> !Modifier.isStatic(f.getModifiers()) && !Modifier.isTransient(f.getModifiers()) && !f.getName().startsWith("$$"))
                .toList();
        assertEquals(15, fields.size(), "the columns of credit_account: " + fields);
        return fields;
    }

    private static Object value(Field field, CreditAccount account) {
        try {
            field.setAccessible(true);
            return field.get(account);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }
}
