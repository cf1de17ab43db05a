package io.imcredits.credits;

/** A spend the balance (and any post-paid allowance) cannot cover; nothing was changed. */
public class InsufficientCredits extends RuntimeException {

    private final Money available;
    private final Money price;

    public InsufficientCredits(Money available, Money price) {
        this(available, price, "");
    }

    /** why: what the detail adds after the amounts, e.g. that the post-paid allowance is stopped. */
    public InsufficientCredits(Money available, Money price, String why) {
        super("Not enough credits: the message costs " + price.amount().toPlainString() + " " + price.currency()
                + " and " + available.amount().toPlainString() + " " + available.currency() + " is available" + why);
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
