package io.imcredits.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** Ops and partners sign in to the OpenAPI console through Keycloak: Authorize is a sign-in, not a pasted token. */
class ConsoleSignInTest {

    WebDriver browser;

    @BeforeEach
    void open() {
        browser = Browser.open();
    }

    @AfterEach
    void close() {
        Browser.screenshot(browser, "console-" + System.currentTimeMillis());
        browser.quit();
    }

    @Test
    void acmeSignsInWithAuthorizeAndTriesTheApi() {
        browser.get(Portal.CUSTOMERS + "/q/swagger-ui");
        var wait = Browser.waiting(browser);
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.authorize"))).click();
        String console = browser.getWindowHandle();
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".modal-ux button.modal-btn.auth.authorize"))).click();

        wait.until(ExpectedConditions.numberOfWindowsToBe(2));
        browser.getWindowHandles().stream().filter(w -> !w.equals(console)).findFirst().ifPresent(w -> browser.switchTo().window(w));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys("acme");
        browser.findElement(By.id("password")).sendKeys("acme-demo");
        browser.findElement(By.id("kc-login")).click();

        browser.switchTo().window(console);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//div[contains(@class,'modal-ux')]//button[normalize-space()='Logout']")));
        browser.findElement(By.cssSelector(".modal-ux button.close-modal")).click();

        String operation = "//div[contains(@class,'opblock-get')][.//*[@data-path='/api/partners/me']]";
        browser.findElement(By.xpath(operation + "//*[contains(@class,'opblock-summary-path')]")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath(operation + "//button[contains(@class,'try-out__btn')]"))).click();
        browser.findElement(By.xpath(operation + "//button[contains(@class,'execute')]")).click();
        String response = operation + "//table[contains(@class,'live-responses-table')]//tr[contains(concat(' ', normalize-space(@class), ' '), ' response ')]";
        String status = wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(response + "/td[contains(@class,'response-col_status')]")))
                .getText();
        assertEquals("200", status.strip(), "the console called the API with Acme's Keycloak token");
        assertTrue(browser.findElement(By.xpath(response + "//pre")).getText().contains("Acme Resellers"), "the token names Acme");
    }
}
