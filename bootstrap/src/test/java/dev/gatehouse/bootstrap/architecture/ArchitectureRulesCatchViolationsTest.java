package dev.gatehouse.bootstrap.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import dev.gatehouse.archfixture.applicationleak.application.thing.service.ServiceUsingAdapter;
import dev.gatehouse.archfixture.applicationleak.application.thing.service.ServiceUsingSlf4j;
import dev.gatehouse.archfixture.bootstrapleak.adapter.in.http.HandlerUsingBootstrap;
import dev.gatehouse.archfixture.bootstrapleak.bootstrap.Wiring;
import dev.gatehouse.archfixture.bootstrapleak.domain.EntityUsingBootstrap;
import dev.gatehouse.archfixture.clean.client.LibraryUsingNimbusAndJavalin;
import dev.gatehouse.archfixture.conscryptleak.adapter.out.jose.ConscryptSigner;
import dev.gatehouse.archfixture.conscryptleak.application.token.service.ServiceUsingConscrypt;
import dev.gatehouse.archfixture.conscryptleak.bootstrap.WiringUsingConscrypt;
import dev.gatehouse.archfixture.clientleak.adapter.in.http.HandlerUsingClientLibrary;
import dev.gatehouse.archfixture.clientleak.bootstrap.WiringUsingClientLibrary;
import dev.gatehouse.archfixture.cycle.a.A;
import dev.gatehouse.archfixture.cycle.b.B;
import dev.gatehouse.archfixture.cycle.c.Parent;
import dev.gatehouse.archfixture.cycle.c.child.Child;
import dev.gatehouse.archfixture.databaseleak.adapter.in.http.HandlerUsingJdbi;
import dev.gatehouse.archfixture.databaseleak.adapter.out.jose.KeysUsingFlyway;
import dev.gatehouse.archfixture.databaseleak.adapter.out.persistence.JdbiRepository;
import dev.gatehouse.archfixture.databaseleak.application.ServiceUsingJdbc;
import dev.gatehouse.archfixture.databaseleak.bootstrap.WiringUsingDataSource;
import dev.gatehouse.archfixture.databaseleak.bootstrap.WiringUsingHikari;
import dev.gatehouse.archfixture.domainleak.domain.EntityUsingApplication;
import dev.gatehouse.archfixture.domainleak.domain.EntityUsingJackson;
import dev.gatehouse.archfixture.domainleak.domain.EntityUsingJavaxCrypto;
import dev.gatehouse.archfixture.genericexception.application.ServiceThrowingException;
import dev.gatehouse.archfixture.genericexception.domain.EntityThrowingRuntimeException;
import dev.gatehouse.archfixture.httpleak.adapter.in.http.Handler;
import dev.gatehouse.archfixture.httpleak.adapter.out.persistence.RepositoryUsingJetty;
import dev.gatehouse.archfixture.httpleak.bootstrap.MainUsingJavalin;
import dev.gatehouse.archfixture.jul.application.ServiceUsingJul;
import dev.gatehouse.archfixture.nimbusleak.adapter.in.http.HandlerUsingNimbus;
import dev.gatehouse.archfixture.nimbusleak.adapter.out.jose.NimbusSigner;
import dev.gatehouse.archfixture.nimbusleak.application.token.service.ServiceUsingNimbus;
import dev.gatehouse.archfixture.persistencecoupling.adapter.out.persistence.RepositoryUsingHttpAdapter;
import dev.gatehouse.archfixture.persistencecoupling.adapter.out.persistence.RepositoryUsingJoseAdapter;
import dev.gatehouse.archfixture.persistencedependents.adapter.in.http.HandlerUsingPersistence;
import dev.gatehouse.archfixture.persistencedependents.adapter.out.jose.SignerUsingPersistence;
import dev.gatehouse.archfixture.streams.adapter.in.http.HandlerPrintingToStdout;
import dev.gatehouse.archfixture.streams.bootstrap.Cli;
import dev.gatehouse.archfixture.streams.domain.EntityPrintingStackTrace;
import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Proves that every {@link ArchitectureRules} rule can fail: each is checked against a fixture under
 * {@code dev.gatehouse.archfixture.<case>} that breaks it, and must name the offending classes; every rule
 * must also accept the well-shaped {@code clean} fixture, so a rule that rejects everything is noticed too.
 */
class ArchitectureRulesCatchViolationsTest {

    private static final String FIXTURES = "dev.gatehouse.archfixture";

    @TestFactory
    Stream<DynamicTest> everyRuleAcceptsTheWellShapedFixture() {
        String root = FIXTURES + ".clean";
        JavaClasses classes = importFixture(root);
        return ArchitectureRules.all(root).stream().map(rule -> DynamicTest.dynamicTest(rule.getDescription(),
                () -> assertThatCode(() -> rule.check(classes)).doesNotThrowAnyException()));
    }

    @Test
    void domainRuleRejectsApplicationTypesJavaxAndUnlistedLibraries() {
        assertRuleRejects(ArchitectureRules::domainDependsOnlyOnJavaAndGuava, "domainleak",
                EntityUsingApplication.class, EntityUsingJavaxCrypto.class, EntityUsingJackson.class);
    }

    @Test
    void applicationRuleRejectsAdapterTypesAndUnlistedLibraries() {
        assertRuleRejects(ArchitectureRules::applicationDependsOnlyOnDomainJavaAndGuava, "applicationleak",
                ServiceUsingAdapter.class, ServiceUsingSlf4j.class);
    }

    @Test
    void persistenceAdapterRuleRejectsDependenciesOnHttpAndJoseAdapters() {
        assertRuleRejects(ArchitectureRules::persistenceAdapterDoesNotDependOnOtherAdapters, "persistencecoupling",
                RepositoryUsingHttpAdapter.class, RepositoryUsingJoseAdapter.class);
    }

    @Test
    void otherAdaptersRuleRejectsHttpAndJoseDependingOnPersistence() {
        assertRuleRejects(ArchitectureRules::otherAdaptersDoNotDependOnPersistenceAdapter, "persistencedependents",
                HandlerUsingPersistence.class, SignerUsingPersistence.class);
    }

    @Test
    void bootstrapRuleRejectsInnerRingsDependingOnBootstrap() {
        assertRuleRejects(ArchitectureRules::nothingOutsideBootstrapDependsOnBootstrap, "bootstrapleak",
                EntityUsingBootstrap.class, HandlerUsingBootstrap.class);
    }

    @Test
    void nimbusRuleRejectsNimbusOutsideJoseAdapter() {
        assertRuleRejects(ArchitectureRules::onlyJoseAdapterUsesNimbus, "nimbusleak",
                ServiceUsingNimbus.class, HandlerUsingNimbus.class);
    }

    @Test
    void conscryptRuleRejectsConscryptOutsideJoseAdapter() {
        assertRuleRejects(ArchitectureRules::onlyJoseAdapterUsesConscrypt, "conscryptleak",
                WiringUsingConscrypt.class, ServiceUsingConscrypt.class);
        assertRuleSpares(ArchitectureRules::onlyJoseAdapterUsesConscrypt, "conscryptleak", ConscryptSigner.class);
    }

    @Test
    void databaseRuleRejectsJdbcJdbiFlywayAndHikariOutsidePersistenceAdapter() {
        assertRuleRejects(ArchitectureRules::onlyPersistenceAdapterUsesDatabaseLibraries, "databaseleak",
                ServiceUsingJdbc.class, WiringUsingHikari.class, WiringUsingDataSource.class,
                HandlerUsingJdbi.class, KeysUsingFlyway.class);
    }

    @Test
    void httpRuleRejectsJavalinAndJettyOutsideHttpAdapter() {
        assertRuleRejects(ArchitectureRules::onlyHttpAdapterUsesJavalinAndJetty, "httpleak",
                MainUsingJavalin.class, RepositoryUsingJetty.class);
    }

    @Test
    void cycleRuleRejectsCyclesBetweenSiblingsAndBetweenParentAndChildPackages() {
        assertRuleRejects(ArchitectureRules::packagesAreFreeOfCycles, "cycle",
                A.class, B.class, Parent.class, Child.class);
    }

    @Test
    void loggingRuleRejectsJavaUtilLogging() {
        assertRuleRejects(ArchitectureRules::noJavaUtilLogging, "jul", ServiceUsingJul.class);
    }

    @Test
    void exceptionRuleRejectsThrowingGenericExceptions() {
        assertRuleRejects(ArchitectureRules::noGenericExceptions, "genericexception",
                EntityThrowingRuntimeException.class, ServiceThrowingException.class);
    }

    @Test
    void standardStreamsRuleRejectsPrintingOutsideBootstrap() {
        assertRuleRejects(ArchitectureRules::noStandardStreamsOutsideBootstrap, "streams",
                HandlerPrintingToStdout.class, EntityPrintingStackTrace.class);
    }

    @Test
    void clientLibraryRuleRejectsServerPackagesDependingOnTheClientLibrary() {
        assertRuleRejects(ArchitectureRules::serverDoesNotDependOnClientLibrary, "clientleak",
                HandlerUsingClientLibrary.class, WiringUsingClientLibrary.class);
    }

    /** The clean fixture holds a client library using nimbus and Javalin, which every rule must accept (above). */
    @Test
    void wellShapedFixtureHoldsAClientLibraryUsingNimbusAndJavalin() {
        assertThat(importFixture(FIXTURES + ".clean").contain(LibraryUsingNimbusAndJavalin.class)).isTrue();
    }

    @Test
    void confinementRulesSpareTheClassesAllowedToUseTheLibrary() {
        assertRuleSpares(ArchitectureRules::onlyJoseAdapterUsesNimbus, "nimbusleak", NimbusSigner.class);
        assertRuleSpares(ArchitectureRules::onlyPersistenceAdapterUsesDatabaseLibraries, "databaseleak",
                JdbiRepository.class);
        assertRuleSpares(ArchitectureRules::onlyHttpAdapterUsesJavalinAndJetty, "httpleak", Handler.class);
        assertRuleSpares(ArchitectureRules::noStandardStreamsOutsideBootstrap, "streams", Cli.class);
        assertRuleSpares(ArchitectureRules::nothingOutsideBootstrapDependsOnBootstrap, "bootstrapleak", Wiring.class);
    }

    private static void assertRuleRejects(Function<String, ArchRule> ruleFor, String fixtureCase,
            Class<?>... offenders) {
        String root = FIXTURES + "." + fixtureCase;
        JavaClasses classes = importFixture(root);
        assertThat(offenders).allSatisfy(offender -> assertThat(classes.contain(offender)).isTrue());

        assertThatThrownBy(() -> ruleFor.apply(root).check(classes))
                .isInstanceOf(AssertionError.class)
                .hasMessageContainingAll(Arrays.stream(offenders).map(Class::getName).toArray(String[]::new));
    }

    /** Checks that a fixture's rule-abiding class, next to the offenders, is not reported. */
    private static void assertRuleSpares(Function<String, ArchRule> ruleFor, String fixtureCase, Class<?> allowed) {
        String root = FIXTURES + "." + fixtureCase;
        JavaClasses classes = importFixture(root);
        assertThat(classes.contain(allowed)).isTrue();

        assertThatThrownBy(() -> ruleFor.apply(root).check(classes))
                .isInstanceOf(AssertionError.class)
                .hasMessageNotContaining(allowed.getName());
    }

    private static JavaClasses importFixture(String root) {
        return new ClassFileImporter().importPackages(root);
    }
}
