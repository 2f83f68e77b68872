package dev.infradash.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.infradash.base.FileOperations;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one audit trail of the application, in the data directory ({@code infradash.data.dir}). */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

    @Bean
    AuditTrail auditTrail(@Value("${infradash.data.dir:data}") Path dataDir, ObjectMapper json) {
        return new AuditTrail(dataDir, json, FileOperations.SYSTEM);
    }
}
