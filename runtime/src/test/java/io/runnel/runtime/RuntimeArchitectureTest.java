package io.runnel.runtime;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The runtime (for now the test driver) must not reach into the log, the broker or Kafka's jars. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RuntimeArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.runnel.runtime");

    @Test
    void shouldNotDependOnBrokerStorageProtocolOrKafka() {
        noClasses()
                .that()
                .resideInAPackage("io.runnel.runtime..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.runnel.broker..", "io.runnel.storage..", "io.runnel.protocol..", "org.apache.kafka..")
                .check(CLASSES);
    }
}
