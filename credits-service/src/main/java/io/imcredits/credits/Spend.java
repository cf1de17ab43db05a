package io.imcredits.credits;

/** One message to price: Desk's message id and what WhatsApp prices it by. */
public record Spend(String messageId, MessagePricing.Message message) {

    /** How the ledger describes the message (a debit's or a hold's entry). */
    String description() {
        return message.channel() + " " + message.category() + " to " + message.country()
                + (message.window() == MessagePricing.Window.NONE ? "" : " in " + message.window() + " window");
    }
}
