package dev.infradash;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.server.AppShellSettings;
import com.vaadin.flow.server.PWA;
import com.vaadin.flow.theme.Theme;
import dev.infradash.base.BrowserTheme;
import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/**
 * Infradash: one shared collector reads Prometheus every cycle and server push carries each
 * snapshot to every open browser tab.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Push
@Theme("infradash")
// Installable on a phone (issue 15): manifest, icons in every size and the favicon are generated from
// META-INF/resources/icons/icon.png; the service worker only answers navigations while offline.
@PWA(
        name = "Infradash",
        shortName = "Infradash",
        description = "Servers and GPUs at a glance, from Prometheus",
        backgroundColor = "#1a1f26",
        themeColor = "#1a1f26")
public class Application implements AppShellConfigurator {

    @Override
    public void configurePage(AppShellSettings settings) {
        BrowserTheme.addTo(settings);
    }

    /** One clock for every timestamp the app makes, replaceable in tests. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    public static void main(String[] args) {
        SpringApplication.run(Application.class, args);
    }
}
