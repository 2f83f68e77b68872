package dev.infradash;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.theme.Theme;
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
public class Application implements AppShellConfigurator {

    /** One clock for every timestamp the app makes, replaceable in tests. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    public static void main(String[] args) {
        SpringApplication.run(Application.class, args);
    }
}
