package io.imcredits.billing;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

/** A customer's standing: past due while a post-paid charge has failed and is not yet paid. */
@ApplicationScoped
public class Standing {

    public List<Charge> pastDue(Caller caller, UUID customerId) {
        CustomerOwner.visibleTo(caller, customerId);
        return Charge.pastDue(customerId);
    }
}
