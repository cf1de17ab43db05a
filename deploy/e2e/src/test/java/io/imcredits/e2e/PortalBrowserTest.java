package io.imcredits.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openqa.selenium.support.ui.ExpectedConditions.elementToBeClickable;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The partner portal in a real browser (Debian's Chromium, headless), signed in through Keycloak as the demo partners:
 * the seed's walk from Customers to "add-ons / upgrades updated", a declined card, a double click, another partner.
 * Each step leaves a screenshot in target/screenshots (portal-<test>-<step>-<what>.png).
 */
class PortalBrowserTest {

    static final String PORTAL = Portal.CUSTOMERS + "/portal/";
    /** The sandbox's credit price and fee (README): 25 credits buy 50.00 USD of balance for 51.50. */
    static final BigDecimal TWENTY_FIVE_CREDITS = new BigDecimal("50.00");

    WebDriver browser;
    WebDriverWait wait;
    String test;
    int step;

    @BeforeEach
    void open(TestInfo info) {
        browser = Browser.open();
        wait = Browser.waiting(browser);
        test = info.getTestMethod().orElseThrow().getName();
    }

    @AfterEach
    void close() {
        snap("last");
        browser.quit();
    }

    @Test
    void acmeWalksTheSeedAndTheBalanceGrowsByExactlyTheCreditsBought() {
        Portal acme = Portal.acme();
        String company = "Seed Walk " + shortId();
        String id = acme.registerCustomer(company);
        BigDecimal before = acme.credits(id).getObject("available.amount", BigDecimal.class);

        signIn("acme", "acme-demo");
        snap("customers");
        WebElement search = browser.findElement(By.name("q"));
        search.sendKeys(company, Keys.ENTER);
        wait.until(textToBePresentInElementLocated(By.cssSelector(".pager"), "· 1 customer"));
        WebElement row = wait.until(visibilityOfElementLocated(By.cssSelector("tr[data-customer='" + id + "']")));
        snap("found");
        row.findElement(By.linkText(company)).click();

        // Manage → Customer Details
        wait.until(textToBePresentInElementLocated(By.tagName("h1"), company));
        WebElement contact = browser.findElement(By.name("contactName"));
        contact.clear();
        contact.sendKeys("Ann Lee-Smith");
        browser.findElement(By.xpath("//button[normalize-space()='Save details']")).click();
        wait.until(textToBePresentInElementLocated(By.cssSelector("form .form-message.ok"), "Saved."));
        snap("details");

        // Manage → Large Deal
        browser.findElement(By.linkText("Large Deal")).click();
        wait.until(visibilityOfElementLocated(By.name("agents"))).sendKeys("250");
        browser.findElement(By.name("imCredits")).sendKeys("500000");
        browser.findElement(By.name("estimatedValue.amount")).sendKeys("250000.00");
        setValue(browser.findElement(By.name("expectedCloseDate")), "2030-03-31");
        browser.findElement(By.xpath("//button[normalize-space()='Submit deal']")).click();
        wait.until(textToBePresentInElementLocated(By.cssSelector("table.deals"), "SUBMITTED"));
        snap("deal");

        // Manage → Change Card: the number goes to billing-service, the page keeps only brand and last four digits
        browser.findElement(By.linkText("Card")).click();
        wait.until(visibilityOfElementLocated(By.name("number"))).sendKeys(Portal.CARD_OK);
        browser.findElement(By.name("cvc")).sendKeys("123");
        browser.findElement(By.name("holderName")).sendKeys("Ann Lee");
        browser.findElement(By.xpath("//button[normalize-space()='Save card']")).click();
        wait.until(textToBePresentInElementLocated(By.id("card-on-file"), "•••• 4242"));
        assertEquals("", browser.findElement(By.name("number")).getAttribute("value"), "the card number is not kept by the page");
        snap("card");
        await("card known to subscriptions").atMost(Portal.CATCH_UP).pollInterval(Duration.ofMillis(200))
                .until(() -> acme.as(Portal.SUBSCRIPTIONS).get("/api/customers/{id}/subscription", id).jsonPath().getBoolean("cardOnFile"));

        // buy IM credits → check the values again → Update License → the order to its end
        String total = quoteCredits(id, 25);
        assertEquals("51.50 USD", total, "50.00 of credits and the 3% fee");
        snap("quote");
        browser.findElement(By.xpath("//button[starts-with(normalize-space(), 'Update License')]")).click();
        wait.until(textToBePresentInElementLocated(By.id("order-done"), "Add-ons / upgrades updated successfully"));
        wait.until(textToBePresentInElementLocated(By.id("order-credits"), "25 IM credits added"));
        snap("order");

        BigDecimal after = acme.credits(id).getObject("available.amount", BigDecimal.class);
        assertEquals(0, after.subtract(before).compareTo(TWENTY_FIVE_CREDITS), "the balance grew by exactly the credits bought");
        assertTrue(browser.findElement(By.id("order-credits")).getText().contains(after.setScale(2).toPlainString()),
                "the page shows the new balance");

        // Invoices: the order's invoice, as billing prints it
        browser.findElement(By.linkText("See the invoice")).click();
        browser.switchTo().frame(wait.until(visibilityOfElementLocated(By.cssSelector("iframe.invoice"))));
        wait.until(textToBePresentInElementLocated(By.tagName("body"), "51.50"));
        browser.switchTo().defaultContent();
        snap("invoice");

        // Desk spends some (the chart and the ledger show it); then IM credits: the balance, the threshold (a bad one
        // is refused next to its field), the spend per day and the ledger
        String desk = Deploy.deskToken(id);
        for (String country : List.of("IN", "BR", "GB")) {
            given().baseUri(Portal.CREDITS).auth().oauth2(desk).contentType("application/json")
                    .body(Map.of("messageId", "wamid." + UUID.randomUUID(), "channel", "WHATSAPP", "country", country,
                            "category", "MARKETING", "window", "NONE"))
                    .post("/api/customers/{id}/credits/debits", id).then().statusCode(201);
        }
        String left = acme.credits(id).getString("available.amount");
        browser.findElement(By.linkText("IM credits")).click();
        wait.until(textToBePresentInElementLocated(By.id("credit-balance"), left + " USD"));
        WebElement threshold = browser.findElement(By.name("lowBalanceThreshold.amount"));
        threshold.clear();
        threshold.sendKeys("-5");
        browser.findElement(By.xpath("//button[normalize-space()='Save threshold']")).click();
        wait.until(textToBePresentInElementLocated(By.cssSelector("[data-error-for='lowBalanceThreshold.amount']"), "negative"));
        assertEquals("true", threshold.getAttribute("aria-invalid"));
        threshold.clear();
        threshold.sendKeys("20.00");
        browser.findElement(By.xpath("//button[normalize-space()='Save threshold']")).click();
        wait.until(textToBePresentInElementLocated(By.cssSelector("form .form-message.ok"), "20.00 USD"));
        assertEquals("20.00", acme.credits(id).getString("lowBalanceThreshold.amount"));
        wait.until(visibilityOfElementLocated(By.cssSelector(".chart svg")));
        String ledger = browser.findElement(By.cssSelector("table.ledger")).getText();
        assertTrue(ledger.contains("25 credits purchased") && ledger.contains("debit"), "the grant and the debits are in the ledger");
        snap("credits");

        // the Customers list shows the balance too, and fits a phone's width
        browser.get(PORTAL + "#/customers?q=" + company.replace(' ', '+'));
        wait.until(textToBePresentInElementLocated(By.cssSelector("tr[data-customer='" + id + "'] .balance"), left + " USD"));
        snap("balance");
        browser.manage().window().setSize(new Dimension(390, 844));
        snap("phone");
    }

    @Test
    void aConcurrentEditIsShownNotOverwritten() {
        Portal acme = Portal.acme();
        String id = acme.registerCustomer("Concurrent " + shortId());
        signIn("acme", "acme-demo");
        browser.get(PORTAL + "#/customers/" + id);
        WebElement contact = wait.until(visibilityOfElementLocated(By.name("contactName")));

        // someone else saves the customer meanwhile
        var current = acme.as(Portal.CUSTOMERS).get("/api/customers/{id}", id).then().statusCode(200).extract().jsonPath();
        acme.as(Portal.CUSTOMERS).header("If-Match", "\"" + current.getInt("version") + "\"")
                .body(Map.of("companyName", current.getString("companyName"), "contactName", "Changed Elsewhere",
                        "email", current.getString("email"), "country", "GB"))
                .put("/api/customers/{id}", id).then().statusCode(200);

        contact.clear();
        contact.sendKeys("Typed Here");
        browser.findElement(By.xpath("//button[normalize-space()='Save details']")).click();
        wait.until(textToBePresentInElementLocated(By.cssSelector("form .form-message.error"), "changed meanwhile"));
        snap("conflict");
        assertEquals("Changed Elsewhere", acme.as(Portal.CUSTOMERS).get("/api/customers/{id}", id).path("contactName"), "nothing overwritten");
    }

    @Test
    void aLapsedSignInComesBackWithWhatWasTyped() {
        Portal acme = Portal.acme();
        String id = acme.registerCustomer("Lapsed " + shortId());
        int lifespan = Keycloak.setAccessTokenLifespan(10); // every call of the portal refreshes its token first
        try {
            signIn("acme", "acme-demo");
            browser.get(PORTAL + "#/customers/" + id);
            WebElement contact = wait.until(visibilityOfElementLocated(By.name("contactName")));
            contact.clear();
            contact.sendKeys("Typed Before Sign-Out");

            Keycloak.endSessions("acme"); // the refresh fails: the next call sends the partner to sign in again
            browser.findElement(By.xpath("//button[normalize-space()='Save details']")).click();
            wait.until(visibilityOfElementLocated(By.id("username"))).sendKeys("acme");
            browser.findElement(By.id("password")).sendKeys("acme-demo");
            snap("sign-in-again");
            browser.findElement(By.id("kc-login")).click();

            WebElement back = wait.until(visibilityOfElementLocated(By.name("contactName")));
            assertTrue(browser.getCurrentUrl().endsWith("#/customers/" + id), "back at the page it left");
            assertEquals("Typed Before Sign-Out", back.getAttribute("value"), "what was typed is still there");
            browser.findElement(By.xpath("//button[normalize-space()='Save details']")).click();
            wait.until(textToBePresentInElementLocated(By.cssSelector("form .form-message.ok"), "Saved."));
            snap("saved");
        } finally {
            Keycloak.setAccessTokenLifespan(lifespan);
        }
        assertEquals("Typed Before Sign-Out", acme.as(Portal.CUSTOMERS).get("/api/customers/{id}", id).path("contactName"));
    }

    @Test
    void aDeclinedCardShowsItsReasonAndGrantsNothing() {
        Portal acme = Portal.acme();
        String id = acme.registerCustomer("Declined " + shortId());
        acme.putCard(id, Portal.CARD_DECLINED);
        BigDecimal before = acme.credits(id).getObject("available.amount", BigDecimal.class);

        signIn("acme", "acme-demo");
        quoteCredits(id, 10);
        browser.findElement(By.xpath("//button[starts-with(normalize-space(), 'Update License')]")).click();
        WebElement failed = wait.until(visibilityOfElementLocated(By.id("order-failed")));
        snap("declined");
        assertEquals("DECLINED", failed.getAttribute("data-reason"));
        assertTrue(failed.getText().contains("The card was declined"), failed.getText());
        assertTrue(browser.findElement(By.cssSelector(".order")).getText().contains("Put another card on file"), "says what to do next");

        assertEquals(0, acme.credits(id).getObject("available.amount", BigDecimal.class).compareTo(before), "nothing granted");
        assertEquals(0, acme.invoices(id).getInt("total"), "nothing invoiced");
    }

    @Test
    void aDoubleClickOnUpdateLicenseMakesOneOrder() {
        Portal acme = Portal.acme();
        String id = acme.registerCustomer("Double Click " + shortId());
        acme.putCard(id, Portal.CARD_OK);

        signIn("acme", "acme-demo");
        quoteCredits(id, 10);
        WebElement confirm = browser.findElement(By.xpath("//button[starts-with(normalize-space(), 'Update License')]"));
        new Actions(browser).doubleClick(confirm).perform();
        wait.until(textToBePresentInElementLocated(By.id("order-done"), "Add-ons / upgrades updated successfully"));
        snap("one-order");

        var orders = acme.as(Portal.SUBSCRIPTIONS).get("/api/customers/{id}/license-updates", id).then().statusCode(200).extract().jsonPath();
        assertEquals(1, orders.getInt("total"), "one order for a double click");
        assertEquals(1, acme.invoices(id).getInt("total"), "one charge, one invoice");
    }

    @Test
    void globexSeesNoneOfAcmesCustomers() {
        Portal acme = Portal.acme();
        String company = "Acme Only " + shortId();
        String id = acme.registerCustomer(company);
        Portal.globex();

        signIn("globex", "globex-demo");
        WebElement search = browser.findElement(By.name("q"));
        search.sendKeys(company, Keys.ENTER);
        wait.until(textToBePresentInElementLocated(By.cssSelector("main"), "No customer matches."));
        snap("search");

        // a direct address, loaded afresh (through Keycloak's single sign-on and back to it)
        browser.get(PORTAL + "#/customers/" + id);
        browser.navigate().refresh();
        wait.until(textToBePresentInElementLocated(By.cssSelector("main"), "Not found"));
        snap("direct");
        assertFalse(browser.findElement(By.tagName("main")).getText().contains(company), "Acme's customer is nowhere");
        assertTrue(browser.getCurrentUrl().endsWith("#/customers/" + id), "still at the address asked for");
    }

    /** Keycloak's sign-in page, then the portal's first page. */
    void signIn(String user, String password) {
        browser.get(PORTAL);
        wait.until(visibilityOfElementLocated(By.id("username"))).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        snap("sign-in");
        browser.findElement(By.id("kc-login")).click();
        wait.until(textToBePresentInElementLocated(By.tagName("h1"), "Customers"));
    }

    /** Upgrade & buy IM credits with only credits changed, up to the quote; returns the quote's total as shown. */
    String quoteCredits(String customerId, int credits) {
        browser.get(PORTAL + "#/customers/" + customerId + "/buy");
        WebElement field = wait.until(elementToBeClickable(By.name("imCredits")));
        field.clear();
        field.sendKeys(String.valueOf(credits));
        browser.findElement(By.xpath("//button[normalize-space()='Check the values']")).click();
        return wait.until(visibilityOfElementLocated(By.id("quote-total"))).getText();
    }

    /** A date field takes its value in the browser's locale when typed; set it as the page reads it instead. */
    void setValue(WebElement element, String value) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]", element, value);
    }

    void snap(String what) {
        Browser.screenshot(browser, "portal-" + test + "-" + String.format("%02d", ++step) + "-" + what);
    }

    static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
