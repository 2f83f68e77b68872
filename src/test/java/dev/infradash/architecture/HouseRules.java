package dev.infradash.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaModifier.PUBLIC;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.router.Route;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rules of the house, for any root package: the application's (dev.infradash) in
 * {@link ArchitectureTest}, and a set of classes built to break each rule in
 * {@link ArchitectureRulesBiteTest}, which proves that every rule can fail.
 */
final class HouseRules {

    private HouseRules() {}

    /** Every rule by a name that says what it guards. */
    static Map<String, ArchRule> forRoot(String root) {
        Map<String, ArchRule> rules = new LinkedHashMap<>();
        rules.put(
                "slices are free of cycles",
                slices().matching(root + ".(*)..").should().beFreeOfCycles());
        rules.put("slices depend only downwards", layers(root));
        rules.put(
                "prometheus imports no other slice",
                noClasses()
                        .that()
                        .resideInAPackage(root + ".prometheus..")
                        .should()
                        .dependOnClassesThat(
                                resideInAPackage(root + "..").and(not(resideInAPackage(root + ".prometheus..")))));
        rules.put(
                "base imports no feature",
                noClasses()
                        .that()
                        .resideInAPackage(root + ".base..")
                        .should()
                        .dependOnClassesThat(
                                resideInAPackage(root + "..").and(not(resideInAPackage(root + ".base..")))));
        rules.put(
                "no view talks to Prometheus, HTTP or files",
                noClasses()
                        .that()
                        .areAssignableTo(Component.class)
                        .should()
                        .dependOnClassesThat()
                        .resideInAnyPackage(
                                root + ".prometheus..",
                                "okhttp3..",
                                "java.net.http..",
                                "java.nio.file..",
                                "java.nio.channels..")
                        .because("views bind components to services; the services do the I/O"));
        rules.put(
                "views are package-private",
                classes()
                        .that()
                        .areAnnotatedWith(Route.class)
                        .should()
                        .notHaveModifier(PUBLIC)
                        .because("a view belongs to its slice; others link to its path"));
        rules.put(
                "services know nothing of Vaadin",
                noClasses()
                        .that()
                        .areAnnotatedWith(org.springframework.stereotype.Service.class)
                        .or()
                        .areAnnotatedWith(org.springframework.web.bind.annotation.RestController.class)
                        .should()
                        .dependOnClassesThat()
                        .resideInAPackage("com.vaadin.."));
        rules.put(
                "only the slices that own files write files",
                noClasses()
                        .that()
                        .resideOutsideOfPackages(
                                root + ".base..",
                                root + ".audit..",
                                root + ".targets..",
                                root + ".security..",
                                root + ".alerting..")
                        .should()
                        .callMethodWhere(FileWrites.WRITES_A_FILE)
                        .orShould()
                        .callConstructorWhere(FileWrites.OPENS_A_WRITER)
                        .because(
                                "the targets file, the audit log, the users file and the alerting files have one owner each; views and the"
                                        + " collector only read through them"));
        rules.put(
                "only targets writes the targets file",
                classes()
                        .that()
                        .haveSimpleName("TargetFileStore")
                        .should()
                        .resideInAPackage(root + ".targets")
                        .andShould()
                        .onlyBeAccessed()
                        .byClassesThat()
                        .resideInAnyPackage(root + ".targets..", root + ".settings..")
                        .because(
                                "the file Prometheus reads has one writer: the targets slice, driven by the admin's Settings"));
        return rules;
    }

    /**
     * The slices from the bottom up; each may use only the ones named below it. The README's
     * architecture section draws the same graph.
     */
    private static ArchRule layers(String root) {
        return layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("base")
                .definedBy(root + ".base..")
                .layer("audit")
                .definedBy(root + ".audit..")
                .layer("prometheus")
                .definedBy(root + ".prometheus..")
                .layer("targets")
                .definedBy(root + ".targets..")
                .layer("security")
                .definedBy(root + ".security..")
                .layer("fleet")
                .definedBy(root + ".fleet..")
                .layer("history")
                .definedBy(root + ".history..")
                .layer("settings")
                .definedBy(root + ".settings..")
                .layer("alerting")
                .definedBy(root + ".alerting..")
                .whereLayer("base")
                .mayNotAccessAnyLayer()
                .whereLayer("prometheus")
                .mayNotAccessAnyLayer()
                .whereLayer("audit")
                .mayOnlyAccessLayers("base")
                .whereLayer("targets")
                .mayOnlyAccessLayers("base", "prometheus", "audit")
                .whereLayer("security")
                .mayOnlyAccessLayers("base", "audit")
                .whereLayer("fleet")
                .mayOnlyAccessLayers("base", "prometheus", "targets", "security")
                .whereLayer("history")
                .mayOnlyAccessLayers("base", "prometheus", "targets", "security", "fleet")
                .whereLayer("settings")
                .mayOnlyAccessLayers("base", "audit", "targets", "security", "fleet")
                .whereLayer("alerting")
                .mayOnlyAccessLayers("base", "prometheus", "audit", "targets", "security", "fleet")
                .withOptionalLayers(true);
    }
}
