package io.runnel.state;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The module's dependency rules, checked as plain tests (see STYLE.md, Build and tools). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StateStoreArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.runnel.state");

    @Test
    void shouldDependOnlyOnRecordsRocksDbAndTheJdkWhenCompiled() {
        classes()
                .that()
                .resideInAPackage("io.runnel.state..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        "io.runnel.state..",
                        "io.runnel.common..",
                        "java..",
                        "org.rocksdb..",
                        "org.slf4j..",
                        "org.jspecify..",
                        "com.google.errorprone.annotations..")
                .check(CLASSES);
    }

    @Test
    void shouldKeepInternalsOutOfPublicApiWhenOnlyFactoriesBuildThem() {
        noClasses()
                .that()
                .resideInAPackage("io.runnel.state")
                .and()
                .haveNameNotMatching("io\\.runnel\\.state\\.(Stores|QueryableStoreTypes)(\\$.*)?")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.runnel.state.internal..")
                .check(CLASSES);
    }
}
