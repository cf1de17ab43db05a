package io.imcredits.credits;

/** A spend the balance (and any post-paid allowance) cannot cover; nothing was changed. */
public class InsufficientCredits extends RuntimeException {

    private final Money available;
    private final Money price;

    public InsufficientCredits(Money available, Money price) {
        super("Not enough credits: the message costs " + price.amount().toPlainString() + " " + price.currency()
                + " and " + available.amount().toPlainString() + " " + available.currency() + " is available");
        this.available = available;
        this.price = price;
    }

    public Money available() {
        return available;
    }

    public Money price() {
        return price;
    }
}
