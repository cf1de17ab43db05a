package io.imcredits.billing;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** One line of an order or a post-paid period, as charged and as invoiced. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record InvoiceLine(String code, String description, BigDecimal quantity, Money unitPrice, Money amount) {}
