package dev.infradash.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.infradash.testsupport.Browser;
import dev.infradash.testsupport.HttpReceiver;
import dev.infradash.testsupport.PrometheusStackExtension;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementNotInteractableException;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 13's Done-when, in Chromium: an admin creates a webhook channel and a {@code down} rule
 * through the UI; node_exporter stops and the receiver gets a firing notification naming the
 * server; it starts again and a resolved one arrives. The stack is AlertingSpeedIT's; Alertmanager's
 * group timings and the rule's {@code for} are seconds here (AlertingSpeedIT times production's).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class AlertingUiBrowserIT {

    @RegisterExtension
    static final PrometheusStackExtension prometheus = AlertingTestApp.oneServerAndAlertmanager();

    /** The rule's {@code for}: short, so the test does not wait; the firing must still honour it. */
    private static final Duration FOR = Duration.ofSeconds(3);

    static final AlertingTestApp app = new AlertingTestApp();
    static final HttpReceiver receiver = HttpReceiver.start();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        app.properties(prometheus, registry);
        AlertingTestApp.shortAlertmanagerTimings(registry);
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + app.port + path;
    }

    /** Types into a dialog field once it takes input: a dialog still opening refuses keys. */
    private static void type(ChromeDriver driver, String id, String text) {
        await().atMost(Duration.ofSeconds(20))
                .ignoreExceptionsInstanceOf(ElementNotInteractableException.class)
                .until(() -> {
                    WebElement input = driver.findElement(By.cssSelector("#" + id + " input"));
                    // select-all first: a retry after a refused attempt replaces, never appends
                    input.sendKeys(Keys.chord(Keys.CONTROL, "a"), text, Keys.TAB);
                    return true;
                });
    }

    /** Clicks {@code button} until the dialog field {@code field} shows (the page may still be settling). */
    private static void open(ChromeDriver driver, String button, String field) {
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
            if (driver.findElements(By.cssSelector("#" + field + " input")).isEmpty()) {
                driver.findElement(By.id(button)).click();
            }
            return !driver.findElements(By.cssSelector("#" + field + " input")).isEmpty();
        });
    }

    private static String gridText(ChromeDriver driver, String selector) {
        Object text = driver.executeScript(
                "const g = document.querySelector(arguments[0]); return g ? g.innerText : '';", selector);
        return text == null ? "" : text.toString();
    }

    @Test
    void aChannelAndADownRuleMadeInTheBrowserReportADownServerAndItsRecovery() {
        ChromeDriver driver = Browser.start(1280, 900);
        try {
            Browser.openAndLogIn(driver, url("/alerting/channels"), "admin", AlertingTestApp.ADMIN_PASSWORD);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> !driver.findElements(By.id("add-channel")).isEmpty());
            open(driver, "add-channel", "channel-name");
            type(driver, "channel-name", "oncall");
            // a new channel is a webhook by default
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !driver.findElements(By.cssSelector("#channel-field-url input"))
                            .isEmpty());
            type(driver, "channel-field-url", receiver.url("/e2e").toString());
            driver.findElement(By.id("channel-save")).click();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> gridText(driver, "#channels-grid").contains("oncall"));

            driver.get(url("/alerting/rules"));
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> !driver.findElements(By.id("add-rule")).isEmpty());
            open(driver, "add-rule", "rule-name");
            type(driver, "rule-name", "down-fast");
            // condition "down" is the default; no channel chosen routes to every channel (the webhook)
            type(driver, "rule-for", FOR.toSeconds() + "s");
            driver.findElement(By.id("rule-save")).click();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> driver.findElements(By.cssSelector("#rule-name input"))
                                    .isEmpty()
                            && gridText(driver, "#rules-grid").contains("down-fast"));
        } finally {
            driver.quit();
        }

        Instant stopped = Instant.now();
        prometheus.stack().stopNodeExporter(0);
        HttpReceiver.Received firing =
                receiver.await(r -> AlertingTestApp.isDownFast(r, "firing"), Duration.ofSeconds(60));
        JsonNode alert = AlertingTestApp.read(firing.body()).path("alerts").get(0);
        assertThat(alert.path("labels").path("server").asText()).isEqualTo("e2e-1");
        assertThat(Duration.between(stopped, firing.at()))
                .as("the for typed in the browser applies: not firing before it")
                .isGreaterThanOrEqualTo(FOR);

        prometheus.stack().startNodeExporter(0);
        receiver.await(r -> AlertingTestApp.isDownFast(r, "resolved"), Duration.ofSeconds(60));
        assertThat(receiver.received().stream()
                        .filter(r -> AlertingTestApp.isDownFast(r, "firing"))
                        .count())
                .as("one firing message, not one per group interval")
                .isEqualTo(1);
    }
}
