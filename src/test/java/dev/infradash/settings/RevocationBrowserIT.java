package dev.infradash.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.infradash.security.Role;
import dev.infradash.security.UserAccount;
import dev.infradash.security.UserService;
import dev.infradash.testsupport.Browser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The security review's first finding, as it was found: an admin's Settings view is open in a
 * browser, another admin demotes that account, and the open view tries to create an account.
 * Before the fix the view kept working and the account was created; now the session is gone.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RevocationBrowserIT {

    private static final String ADMIN_PASSWORD = "revocation-admin-password";
    private static final String SECOND_PASSWORD = "revocation-admin2-password";
    private static final Path DIR = tempDir();

    @LocalServerPort
    int port;

    @Autowired
    UserService users;

    @DynamicPropertySource
    static void app(DynamicPropertyRegistry registry) {
        registry.add("server.address", () -> "127.0.0.1");
        registry.add("vaadin.devmode.devTools.enabled", () -> "false");
        registry.add("infradash.prometheus.url", () -> "http://127.0.0.1:9"); // not what this test is about
        registry.add("infradash.targets.file", () -> DIR.resolve("targets.json").toString());
        registry.add("infradash.data.dir", () -> DIR.resolve("data").toString());
        registry.add(
                "infradash.alerting.rule-file",
                () -> DIR.resolve("rules/infradash-managed.yml").toString());
        registry.add("infradash.security.admin-password", () -> ADMIN_PASSWORD);
    }

    @Test
    void aDemotedAdminsOpenSettingsViewCanNoLongerCreateAnAccount() {
        asAdmin(() -> users.create("admin2", SECOND_PASSWORD, Role.ADMIN));
        ChromeDriver driver = Browser.start(1280, 1000);
        try {
            Browser.openAndLogIn(driver, "http://127.0.0.1:" + port + "/settings", "admin2", SECOND_PASSWORD);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !driver.findElements(By.cssSelector("#new-username input"))
                            .isEmpty());

            asAdmin(() -> users.changeRole("admin2", Role.VIEWER));

            try {
                driver.findElement(By.cssSelector("#new-username input")).sendKeys("backdoor");
                driver.findElement(By.cssSelector("#new-password input")).sendKeys("backdoor-password-long");
                driver.findElement(By.id("add-user")).click();
            } catch (WebDriverException pageWentAway) {
                // the page may already be reloading: the session it belonged to has ended
            }
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> driver.getCurrentUrl().contains("/login"));
            asAdmin(() -> assertThat(users.list())
                    .extracting(UserAccount::username)
                    .contains("admin2")
                    .doesNotContain("backdoor"));
        } finally {
            driver.quit();
        }
    }

    private static void asAdmin(Runnable action) {
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        "admin", null, AuthorityUtils.createAuthorityList("ROLE_ADMIN")));
        try {
            action.run();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("infradash-revocation-it");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
