package dev.infradash.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Each rule of the house fails on a class built to break it (test package {@code archfixture}),
 * and names that class: a rule that cannot fail would let {@link ArchitectureTest} pass on
 * anything.
 */
class ArchitectureRulesBiteTest {

    private static final String ROOT = "archfixture";
    private static final JavaClasses FIXTURES = new ClassFileImporter().importPackages(ROOT);

    /** The class each rule must report. */
    private static final Map<String, String> CULPRITS = Map.of(
            "slices are free of cycles", "CycleInHistory",
            "slices depend only downwards", "UpwardImport",
            "prometheus imports no other slice", "LeakyClient",
            "base imports no feature", "LeakyBase",
            "no view talks to Prometheus, HTTP or files", "ChattyView",
            "views are package-private", "PublicView",
            "services know nothing of Vaadin", "VaadinAwareService",
            "only the slices that own files write files", "DirectFileWriter",
            "only targets writes the targets file", "TargetsIntruder");

    @Test
    void everyRuleHasAClassThatBreaksIt() {
        assertThat(CULPRITS.keySet())
                .containsExactlyInAnyOrderElementsOf(HouseRules.forRoot(ROOT).keySet());
    }

    @TestFactory
    Stream<DynamicTest> everyRuleFailsOnTheClassBuiltToBreakIt() {
        return HouseRules.forRoot(ROOT).entrySet().stream()
                .map(rule -> DynamicTest.dynamicTest(rule.getKey(), () -> {
                    EvaluationResult result = rule.getValue().evaluate(FIXTURES);
                    assertThat(result.hasViolation()).as(rule.getKey()).isTrue();
                    assertThat(result.getFailureReport().getDetails())
                            .as(rule.getKey())
                            .anyMatch(line -> line.contains(CULPRITS.get(rule.getKey())));
                }));
    }
}
