package io.imcredits.billing;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * A customer's standing: past due while a post-paid charge has failed and is not yet paid; and the post-paid
 * usage the next period close will bill, so a partner sees it before the invoice.
 */
@ApplicationScoped
public class Standing {

    public record Status(List<Charge> pastDue, List<PostpaidUsage.Unbilled> unbilled) {}

    public Status of(Caller caller, UUID customerId) {
        CustomerOwner.visibleTo(caller, customerId);
        return new Status(Charge.pastDue(customerId), PostpaidUsage.unbilled(customerId));
    }
}
