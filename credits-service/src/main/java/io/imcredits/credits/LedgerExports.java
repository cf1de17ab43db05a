package io.imcredits.credits;

import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The ledger exported in full (CSV), read through a database cursor a few hundred rows at a time, so an export of
 * any length holds only those rows: the old export loaded every entry and the whole file into the heap, and three
 * at once of a busy account nearly filled it. Exports also hold a database connection for as long as the client
 * reads, so only credits.ledger-exports of them run at once per instance; beyond that, 429.
 */
@ApplicationScoped
public class LedgerExports {

    /** Rows fetched per round trip: what one export holds in memory at most. */
    static final int FETCH_SIZE = 500;

    /** One row of the export: the ledger entry's fields a customer reads. */
    public record Row(Instant createdAt, String type, BigDecimal amount, BigDecimal balanceAfter, String reference, String description,
            BigDecimal postpaid) {}

    /** Receives the rows in order, newest first. */
    public interface RowWriter {
        void write(Row row) throws IOException;
    }

    /** An export the caller may run: it holds a slot until released (once, whoever releases first). */
    public final class Export {
        private final UUID customerId;
        private final String currency;
        private final LedgerEntry.Filter filter;
        private final int limit;
        private final AtomicBoolean released = new AtomicBoolean();

        private Export(UUID customerId, String currency, LedgerEntry.Filter filter, int limit) {
            this.customerId = customerId;
            this.currency = currency;
            this.filter = filter;
            this.limit = limit;
        }

        public String currency() {
            return currency;
        }

        /** Streams the rows to the writer, then gives the slot back. */
        public void writeTo(RowWriter writer) throws IOException {
            try {
                rows(this, writer);
            } finally {
                release();
            }
        }

        public void release() {
            if (released.compareAndSet(false, true)) slots.release();
        }
    }

    /** Too many exports at once on this instance: answered 429 with Retry-After. */
    public static class Busy extends RuntimeException {
        public Busy(String detail) {
            super(detail);
        }
    }

    private final Semaphore slots;
    private final DataSource db;

    LedgerExports(CreditsConfig config, DataSource db) {
        this.slots = new Semaphore(config.ledgerExports());
        this.db = db;
    }

    /** Checks the caller may read the account and takes an export slot; up to limit rows of the filter, newest first. */
    public Export start(Caller caller, UUID customerId, LedgerEntry.Filter filter, int limit) {
        CreditAccount account = CreditAccount.visibleTo(caller, customerId);
        if (!slots.tryAcquire()) {
            Log.infof("Ledger export of customer %s refused: every export slot is busy", customerId);
            throw new Busy("Other ledger exports are running on this server; retry in a few seconds");
        }
        return new Export(customerId, account.currency, filter, limit);
    }

    private void rows(Export export, RowWriter writer) throws IOException {
        List<Object> parameters = new ArrayList<>(List.of(export.customerId));
        StringBuilder sql = new StringBuilder("""
                select created_at, type, amount, balance_after, reference, description, postpaid
                from ledger_entry where customer_id = ?""");
        LedgerEntry.Filter filter = export.filter;
        if (filter.types() != null && !filter.types().isEmpty()) {
            sql.append(" and type = any(?)");
            parameters.add(filter.types().stream().map(Enum::name).toArray(String[]::new));
        }
        if (filter.from() != null) {
            sql.append(" and created_at >= ?");
            parameters.add(Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            sql.append(" and created_at < ?");
            parameters.add(Timestamp.from(filter.to()));
        }
        sql.append(" order by seq desc limit ?");
        parameters.add(export.limit);
        try (Connection connection = db.getConnection()) {
            // PostgreSQL reads through a cursor (fetch size) only inside a transaction: a read-only one of our own
            connection.setAutoCommit(false);
            try (PreparedStatement query = connection.prepareStatement(sql.toString())) {
                for (int i = 0; i < parameters.size(); i++) {
                    Object value = parameters.get(i);
                    if (value instanceof String[] texts) query.setArray(i + 1, connection.createArrayOf("varchar", texts));
                    else
                        query.setObject(i + 1, value);
                }
                query.setFetchSize(FETCH_SIZE);
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        writer.write(new Row(row.getTimestamp(1).toInstant(), row.getString(2), row.getBigDecimal(3), row.getBigDecimal(4),
                                row.getString(5), row.getString(6), row.getBigDecimal(7)));
                    }
                }
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the ledger of customer " + export.customerId, e);
        }
    }
}
