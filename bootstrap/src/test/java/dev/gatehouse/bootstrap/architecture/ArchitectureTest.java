package dev.gatehouse.bootstrap.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Checks every {@link ArchitectureRules} rule against the production classes of all modules. */
class ArchitectureTest {

    private static final String ROOT = "dev.gatehouse";
    private static final Pattern TEST_JAR = Pattern.compile(".*-tests\\.jar!/.*");

    private static JavaClasses productionClasses;

    @BeforeAll
    static void importProductionClasses() {
        productionClasses = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.matches(TEST_JAR))
                .importPackages(ROOT);
    }

    @Test
    void domainDependsOnlyOnJavaAndGuava() {
        ArchitectureRules.domainDependsOnlyOnJavaAndGuava(ROOT).check(productionClasses);
    }

    @Test
    void applicationDependsOnlyOnDomainJavaAndGuava() {
        ArchitectureRules.applicationDependsOnlyOnDomainJavaAndGuava(ROOT).check(productionClasses);
    }

    @Test
    void persistenceAdapterDoesNotDependOnOtherAdapters() {
        ArchitectureRules.persistenceAdapterDoesNotDependOnOtherAdapters(ROOT).check(productionClasses);
    }

    @Test
    void otherAdaptersDoNotDependOnPersistenceAdapter() {
        ArchitectureRules.otherAdaptersDoNotDependOnPersistenceAdapter(ROOT).check(productionClasses);
    }

    @Test
    void nothingOutsideBootstrapDependsOnBootstrap() {
        ArchitectureRules.nothingOutsideBootstrapDependsOnBootstrap(ROOT).check(productionClasses);
    }

    @Test
    void onlyJoseAdapterUsesNimbus() {
        ArchitectureRules.onlyJoseAdapterUsesNimbus(ROOT).check(productionClasses);
    }

    @Test
    void onlyJoseAdapterUsesConscrypt() {
        ArchitectureRules.onlyJoseAdapterUsesConscrypt(ROOT).check(productionClasses);
    }

    @Test
    void onlyPersistenceAdapterUsesDatabaseLibraries() {
        ArchitectureRules.onlyPersistenceAdapterUsesDatabaseLibraries(ROOT).check(productionClasses);
    }

    @Test
    void onlyHttpAdapterUsesJavalinAndJetty() {
        ArchitectureRules.onlyHttpAdapterUsesJavalinAndJetty(ROOT).check(productionClasses);
    }

    @Test
    void packagesAreFreeOfCycles() {
        ArchitectureRules.packagesAreFreeOfCycles(ROOT).check(productionClasses);
    }

    @Test
    void noJavaUtilLogging() {
        ArchitectureRules.noJavaUtilLogging(ROOT).check(productionClasses);
    }

    @Test
    void noGenericExceptions() {
        ArchitectureRules.noGenericExceptions(ROOT).check(productionClasses);
    }

    @Test
    void noStandardStreamsOutsideBootstrap() {
        ArchitectureRules.noStandardStreamsOutsideBootstrap(ROOT).check(productionClasses);
    }

    @Test
    void serverDoesNotDependOnClientLibrary() {
        ArchitectureRules.serverDoesNotDependOnClientLibrary(ROOT).check(productionClasses);
    }
}
