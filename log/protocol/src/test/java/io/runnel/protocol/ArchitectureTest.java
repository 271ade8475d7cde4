package io.runnel.protocol;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The protocol module's arrows: it depends on records only (never on Kafka, which is a test oracle, nor on storage or
 * Netty), and inside it errors ← types ← message ← the root package.
 */
@Timeout(60)
class ArchitectureTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.runnel.protocol");

    @Test
    void shouldNotDependOnKafkaNettyOrStorageWhenCompiled() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.apache.kafka..", "io.netty..", "io.runnel.storage..")
                .check(MAIN);
    }

    @Test
    void shouldKeepMessagesAndTypesBelowTheRootPackageWhenCompiled() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "io.runnel.protocol.message..", "io.runnel.protocol.types..", "io.runnel.protocol.errors..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.runnel.protocol")
                .check(MAIN);
    }

    @Test
    void shouldKeepTypesFreeOfMessagesWhenCompiled() {
        noClasses()
                .that()
                .resideInAnyPackage("io.runnel.protocol.types..", "io.runnel.protocol.errors..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.runnel.protocol.message..")
                .check(MAIN);
    }
}
