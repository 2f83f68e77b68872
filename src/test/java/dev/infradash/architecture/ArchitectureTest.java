package dev.infradash.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The application's main classes obey every rule of the house ({@link HouseRules}). */
class ArchitectureTest {

    private static final String ROOT = "dev.infradash";
    /** The compiled main classes, read from their folder: scanning the whole classpath takes 10 s more. */
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPath(Path.of("target/classes"));

    @TestFactory
    Stream<DynamicTest> theApplicationKeepsTheRulesOfTheHouse() {
        return HouseRules.forRoot(ROOT).entrySet().stream()
                .map(rule -> DynamicTest.dynamicTest(rule.getKey(), () -> check(rule.getValue())));
    }

    private static void check(ArchRule rule) {
        rule.check(MAIN);
    }
}
