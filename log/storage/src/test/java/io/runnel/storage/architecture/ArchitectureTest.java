package io.runnel.storage.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The dependency arrows of ARCHITECTURE.md and the code rules of STYLE.md that a compiler does not check, over the
 * production classes of {@code records} and {@code storage}. Each rule was seen failing once against a deliberate
 * violation before it was trusted.
 */
@Timeout(60)
class ArchitectureTest {
    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.runnel");

    @Test
    void shouldKeepRecordsFreeOfStorage() {
        ArchRule rule = noClasses()
                .that()
                .resideInAnyPackage("io.runnel.records..", "io.runnel.common..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.runnel.storage..");

        rule.check(PRODUCTION);
    }

    @Test
    void shouldKeepKafkaOutOfProductionCode() {
        ArchRule rule = noClasses()
                .that()
                .resideInAPackage("io.runnel..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.apache.kafka..");

        rule.check(PRODUCTION);
    }

    @Test
    void shouldTakeTimeFromTheInjectedClock() {
        ArchRule rule = noClasses()
                .that()
                .resideInAPackage("io.runnel..")
                .and()
                .doNotHaveFullyQualifiedName("io.runnel.common.Time")
                .and()
                .doNotHaveFullyQualifiedName("io.runnel.common.Time$1")
                .should()
                .callMethod(System.class, "currentTimeMillis")
                .orShould()
                .callMethod(System.class, "nanoTime");

        rule.check(PRODUCTION);
    }

    @Test
    void shouldNotPrintFromLibraryCode() {
        ArchRule rule = noClasses()
                .that()
                .resideInAPackage("io.runnel..")
                .should()
                .accessField(System.class, "out")
                .orShould()
                .accessField(System.class, "err")
                .orShould()
                .callMethod(System.class, "exit", int.class);

        rule.check(PRODUCTION);
    }
}
