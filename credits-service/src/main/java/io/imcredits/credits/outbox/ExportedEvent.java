package io.imcredits.credits.outbox;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * An event the service publishes (the records of PublishedEvents): Outbox.publish takes its type from the record,
 * so the type is never written twice. The outbox knows no more of the domain than this.
 */
public interface ExportedEvent {

    /** The event's type on the wire: the record's simple name. */
    @JsonIgnore
    default String type() {
        return getClass().getSimpleName();
    }
}
