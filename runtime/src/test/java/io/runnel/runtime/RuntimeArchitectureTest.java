package io.runnel.runtime;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The runtime talks to the log through the clients only: it must not reach into storage, the protocol or Kafka's
 * jars, and only the embedded broker (started when no bootstrap.servers is set) may use the broker.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RuntimeArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.runnel.runtime");

    @Test
    void shouldNotDependOnStorageProtocolOrKafkaWhenCompiled() {
        noClasses()
                .that()
                .resideInAPackage("io.runnel.runtime..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.runnel.storage..", "io.runnel.protocol..", "org.apache.kafka..")
                .check(CLASSES);
    }

    @Test
    void shouldReachTheBrokerOnlyThroughEmbeddedBrokerWhenCompiled() {
        noClasses()
                .that()
                .resideInAPackage("io.runnel.runtime..")
                .and()
                .doNotHaveFullyQualifiedName("io.runnel.runtime.EmbeddedBroker")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.runnel.broker..")
                .check(CLASSES);
    }
}
