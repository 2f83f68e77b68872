package dev.infradash.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.infradash.testsupport.PrometheusStackExtension;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Email for real: Alertmanager (Debian 0.25) sends through a real SMTP server (GreenMail) with
 * authentication; the subject names the alert and the server; a wrong password is a delivery
 * error on the channel, not silence.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@Import(AlertingTestApp.Rules.class)
class ChannelEmailIT {

    @RegisterExtension
    static final PrometheusStackExtension prometheus =
            PrometheusStackExtension.with(stack -> stack.nodeExporters(0).alertmanager());

    @RegisterExtension
    static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("ops@example.org", "ops", "right-password"))
            .withPerMethodLifecycle(false);

    static final AlertingTestApp app = new AlertingTestApp();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        app.properties(prometheus, registry);
    }

    private String emailChannel(String name, String password) {
        return app.create("{\"name\": \"" + name + "\", \"type\": \"email\", \"host\": \"127.0.0.1\", \"port\": "
                + smtp.getSmtp().getPort() + ", \"security\": \"none\", \"username\": \"ops\", \"password\": \""
                + password + "\", \"from\": \"infradash@example.org\", \"to\": \"ops@example.org\"}");
    }

    @Test
    void theTestMailArrivesAndItsSubjectNamesTheAlertAndTheServer() throws Exception {
        String id = emailChannel("mail", "right-password");
        assertThat(app.admin("POST", "/api/alerting/channels/" + id + "/test", "{\"server\": \"storage-server\"}")
                        .statusCode())
                .isEqualTo(202);
        assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
        MimeMessage message = smtp.getReceivedMessages()[0];
        assertThat(message.getSubject()).isEqualTo("[FIRING] InfradashTest on storage-server");
        assertThat(message.getAllRecipients()[0].toString()).isEqualTo("ops@example.org");
        // and the secret is not shown back
        assertThat(app.channel(id).path("settings").path("password").asText()).isEqualTo(Channel.MASK);
    }

    @Test
    void aWrongPasswordShowsADeliveryErrorOnTheChannel() {
        String id = emailChannel("wrong-mail", "wrong-password");
        app.admin("GET", "/api/alerting/channels", null);
        assertThat(app.admin("POST", "/api/alerting/channels/" + id + "/test", "{}")
                        .statusCode())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    JsonNode delivery = app.channel(id).path("delivery");
                    assertThat(delivery.path("state").asText()).isEqualTo("failed");
                    assertThat(delivery.path("message").asText()).contains("email");
                });
    }
}
