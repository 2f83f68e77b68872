package dev.infradash.alerting;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.infradash.audit.AuditTrail;
import dev.infradash.prometheus.AlertmanagerClient;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AlertingProperties.class)
class AlertingConfiguration {

    @Bean
    ChannelStore channelStore(@Value("${infradash.data.dir:data}") Path dataDir, ObjectMapper json) {
        return new ChannelStore(dataDir, json);
    }

    @Bean
    AlertmanagerConfigWriter alertmanagerConfigWriter(
            AlertingProperties properties, AlertmanagerClient alertmanager, Clock clock) {
        return new AlertmanagerConfigWriter(properties.alertmanagerConfigFile(), alertmanager, clock);
    }

    @Bean
    DeliveryStatus deliveryStatus(AlertmanagerClient alertmanager, Clock clock) {
        return new DeliveryStatus(alertmanager, clock);
    }

    @Bean
    ChannelAudit channelAudit(AuditTrail trail, ObjectMapper json, Clock clock) {
        return new ChannelAudit(trail, json, clock);
    }

    @Bean
    RelaySender relaySender(ObjectMapper json) {
        return new RelaySender(json);
    }

    @Bean
    ChannelService channelService(
            ChannelStore store,
            AlertmanagerConfigWriter writer,
            AlertmanagerClient alertmanager,
            ObjectProvider<RuleRoutes> rules,
            DeliveryStatus delivery,
            ChannelAudit audit,
            AlertingProperties properties,
            Clock clock) {
        return new ChannelService(
                store,
                writer,
                alertmanager,
                rules,
                delivery,
                audit,
                properties.appUrlForAlertmanager(),
                properties.groupTimings(),
                clock);
    }

    /**
     * Alertmanager's relay posts (ntfy, Gotify) carry no user and no session: the controller
     * checks each channel's own bearer secret. Before the API chain (order 1), whose token filter
     * would take that bearer for an API token.
     */
    @Bean
    @Order(0)
    SecurityFilterChain alertmanagerRelayChain(HttpSecurity http) throws Exception {
        http.securityMatcher(AlertmanagerConfigRenderer.RELAY_PATH + "**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable());
        return http.build();
    }
}
