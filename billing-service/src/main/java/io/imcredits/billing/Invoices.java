package io.imcredits.billing;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import io.imcredits.billing.PublishedEvents.InvoiceIssued;
import io.imcredits.billing.outbox.Outbox;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Issues the invoice of a successful charge and answers who may read which invoice. */
@ApplicationScoped
public class Invoices {

    private final InvoiceNumbers numbers;
    private final Outbox outbox;
    private final BillingConfig config;

    Invoices(InvoiceNumbers numbers, Outbox outbox, BillingConfig config) {
        this.numbers = numbers;
        this.outbox = outbox;
        this.config = config;
    }

    /** In the charge's transaction: the invoice exists if and only if the charge is recorded as paid. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Invoice issue(Charge charge, Instant paidAt) {
        Invoice invoice = new Invoice();
        invoice.id = UUID.randomUUID();
        invoice.number = numbers.next(paidAt.atZone(ZoneOffset.UTC).getYear());
        invoice.customerId = charge.customerId;
        invoice.partnerId = charge.partnerId;
        invoice.payer = charge.payer;
        invoice.payerId = charge.payerId;
        invoice.orderId = charge.orderId;
        invoice.chargeId = charge.id;
        invoice.currency = charge.currency;
        invoice.lines = charge.lines;
        invoice.subtotal = charge.subtotal;
        invoice.fee = charge.fee;
        invoice.total = charge.total;
        invoice.status = Invoice.Status.PAID;
        invoice.cardBrand = charge.cardBrand;
        invoice.cardLast4 = charge.cardLast4;
        invoice.issuedAt = invoice.paidAt = paidAt;
        invoice.sellerName = config.seller().name();
        invoice.sellerAddress = config.seller().address();
        invoice.sellerTaxId = config.seller().taxId();
        invoice.sellerEmail = config.seller().email();
        invoice.periodStart = charge.periodStart;
        invoice.periodEnd = charge.periodEnd;
        CustomerOwner customer = CustomerOwner.findById(charge.customerId);
        invoice.customerName = customer != null && customer.companyName != null ? customer.companyName : "Customer " + shortId(charge.customerId);
        invoice.customerCountry = customer == null ? null : customer.country;
        // partners' names are in no event billing receives: the partner is named by its id's first eight digits
        invoice.payerName = invoice.payer == Card.Payer.CUSTOMER ? invoice.customerName : "Partner " + shortId(invoice.payerId);
        invoice.billingCountry = charge.billingCountry;
        invoice.taxRate = charge.billingCountry == null ? null : config.taxRate().get(charge.billingCountry);
        invoice.tax = invoice.taxRate == null ? BigDecimal.ZERO : taxIncluded(invoice.money(invoice.total), invoice.taxRate).amount();
        invoice.persist();
        outbox.publish(charge.partnerId, charge.customerId, charge.correlationId,
                new InvoiceIssued(invoice.id, invoice.number, invoice.orderId, invoice.customerId, invoice.payer.name(),
                        invoice.money(invoice.total)));
        Log.infof("Invoice %s (%s) issued for charge %s of customer %s", invoice.number, invoice.id, charge.id, charge.customerId);
        return invoice;
    }

    /**
     * The tax contained in an amount that includes it at the rate in percent: gross × rate / (100 + rate), rounded
     * once, half up, to the currency's minor unit (an invoice is money leaving the system).
     */
    static Money taxIncluded(Money gross, BigDecimal ratePercent) {
        return Money.ofRatio(gross.amount().multiply(ratePercent), BigDecimal.valueOf(100).add(ratePercent), gross.currency());
    }

    static String shortId(UUID id) {
        return id == null ? "" : id.toString().substring(0, 8);
    }

    public Page<Invoice> list(Caller caller, UUID customerId, int page, int size) {
        CustomerOwner.visibleTo(caller, customerId);
        var query = Invoice.ofCustomer(customerId);
        return new Page<>(query.page(page, size).list(), page, size, query.count());
    }

    /** The per-message detail of an invoice (post-paid usage it charged; none for an order), with the invoice's access rule. */
    public List<PostpaidUsage> usage(Caller caller, UUID invoiceId) {
        return PostpaidUsage.ofCharge(get(caller, invoiceId).chargeId);
    }

    public Invoice get(Caller caller, UUID invoiceId) {
        Invoice invoice = Invoice.<Invoice>findByIdOptional(invoiceId)
                .orElseThrow(() -> new NotFound("No invoice " + invoiceId));
        try {
            CustomerOwner.visibleTo(caller, invoice.customerId);
        } catch (NotFound e) {
            throw new NotFound("No invoice " + invoiceId); // another tenant's invoice is as unknown as a missing one
        }
        return invoice;
    }
}
