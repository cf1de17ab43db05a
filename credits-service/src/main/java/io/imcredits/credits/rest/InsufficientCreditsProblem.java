package io.imcredits.credits.rest;

import io.imcredits.credits.Money;

/** The 402 problem details: the usual keys plus the balance and the price, so Desk can tell the agent why. */
public record InsufficientCreditsProblem(String title, int status, String detail, Money available, Money price) {}
