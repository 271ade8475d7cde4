package io.runnel.streams;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** streams-dsl's dependency rules (STYLE.md, Build and tools): pure, and internals kept out of the public API. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StreamsArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.runnel.streams");

    @Test
    void shouldDependOnlyOnStateStoreCommonAndTheJdkWithoutFileOrNetworkIo() {
        classes()
                .that()
                .resideInAPackage("io.runnel.streams..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        "io.runnel.streams..",
                        "io.runnel.state..",
                        "io.runnel.common..",
                        "java.lang..",
                        "java.util..",
                        "java.time..",
                        "java.nio.file..",
                        "java.nio", // buffers (windowed key layouts), not channels
                        "org.slf4j..",
                        "org.jspecify..",
                        "com.google.errorprone.annotations..")
                .check(CLASSES);
        noClasses()
                .that()
                .resideInAPackage("io.runnel.streams..")
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.nio.file.Files")
                .check(CLASSES);
    }

    @Test
    void shouldKeepInternalsOutOfThePublicKStreamAndProcessorApi() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "io.runnel.streams.kstream", "io.runnel.streams.processor", "io.runnel.streams.processor.api")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.runnel.streams.kstream.internal..", "io.runnel.streams.processor.internal..")
                .check(CLASSES);
    }
}
