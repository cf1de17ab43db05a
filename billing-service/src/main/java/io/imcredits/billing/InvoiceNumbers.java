package io.imcredits.billing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Gap-free invoice numbers per year ("2026-000042"). The counter row is bumped in the invoice's
 * own transaction: a rolled-back invoice gives its number back, and the row lock makes concurrent
 * issuers take turns. (A database sequence would be faster but leaves gaps on rollback.)
 */
@ApplicationScoped
public class InvoiceNumbers {

    private final EntityManager em;

    InvoiceNumbers(EntityManager em) {
        this.em = em;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public String next(int year) {
        int number = ((Number) em.createNativeQuery("""
                insert into invoice_counter (year, last_number) values (?1, 1)
                on conflict (year) do update set last_number = invoice_counter.last_number + 1
                returning last_number""")
                .setParameter(1, year).getSingleResult()).intValue();
        return format(year, number);
    }

    static String format(int year, int number) {
        return "%d-%06d".formatted(year, number);
    }
}
