package io.runnel.client;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.runnel.client.consumer.OffsetAndMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The client module's arrows: it depends on protocol and records only (never on Kafka, a test oracle, nor on storage,
 * the broker or Netty); the three clients do not depend on each other, except that the admin client takes and returns
 * the consumer's public {@code OffsetAndMetadata}, as Kafka's does; the shared internals and the JSON serialization
 * package depend on no client.
 */
@Timeout(60)
class ArchitectureTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.runnel.client");

    @Test
    void shouldNotDependOnKafkaNettyStorageOrBrokerWhenCompiled() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.apache.kafka..", "io.netty..", "io.runnel.storage..", "io.runnel.broker..")
                .check(MAIN);
    }

    @Test
    void shouldKeepTheClientsIndependentOfEachOtherWhenCompiled() {
        noClasses()
                .that()
                .resideInAPackage("io.runnel.client.producer..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.runnel.client.consumer..", "io.runnel.client.admin..")
                .check(MAIN);
        noClasses()
                .that()
                .resideInAPackage("io.runnel.client.consumer..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.runnel.client.producer..", "io.runnel.client.admin..")
                .check(MAIN);
        noClasses()
                .that()
                .resideInAPackage("io.runnel.client.admin..")
                .should()
                .dependOnClassesThat(resideInAnyPackage("io.runnel.client.producer..", "io.runnel.client.consumer..")
                        .and(not(type(OffsetAndMetadata.class))))
                .check(MAIN);
    }

    @Test
    void shouldKeepSharedPackagesFreeOfClientInternalsWhenCompiled() {
        noClasses()
                .that()
                .resideInAnyPackage("io.runnel.client.internal..", "io.runnel.client.serialization..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.runnel.client.producer.internal..",
                        "io.runnel.client.consumer.internal..",
                        "io.runnel.client.admin..")
                .check(MAIN);
    }
}
