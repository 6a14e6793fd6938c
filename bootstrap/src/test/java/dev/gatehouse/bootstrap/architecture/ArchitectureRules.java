package dev.gatehouse.bootstrap.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.util.List;

/**
 * The shape of Gatehouse as ArchUnit rules, parameterised by the root package so that the same rule
 * can be checked against the real code ({@code dev.gatehouse}) and against the fixtures that prove it can fail.
 *
 * <p>The client library ({@code <root>.client}, ADR 0005) is shipped to other services and lives outside the
 * hexagon: the confinement rules (bootstrap, nimbus, database, Javalin/Jetty) check the server's packages only, and
 * {@link #serverDoesNotDependOnClientLibrary} keeps the server from leaning on it. The coding rules (cycles,
 * logging, exceptions, standard streams) apply to the library too.
 */
public final class ArchitectureRules {

    private static final String JAVA = "java..";
    private static final String GUAVA = "com.google.common..";
    private static final String NIMBUS = "com.nimbusds..";
    private static final String CONSCRYPT = "org.conscrypt..";
    private static final String[] DATABASE_LIBRARIES = {
        "org.jdbi..", "java.sql..", "javax.sql..", "org.flywaydb..", "com.zaxxer.."
    };
    private static final String[] HTTP_SERVER_LIBRARIES = {"io.javalin..", "org.eclipse.jetty.."};

    private ArchitectureRules() {
    }

    /** Every rule, in the order they are listed here. */
    public static List<ArchRule> all(String root) {
        return List.of(
                domainDependsOnlyOnJavaAndGuava(root),
                applicationDependsOnlyOnDomainJavaAndGuava(root),
                persistenceAdapterDoesNotDependOnOtherAdapters(root),
                otherAdaptersDoNotDependOnPersistenceAdapter(root),
                nothingOutsideBootstrapDependsOnBootstrap(root),
                onlyJoseAdapterUsesNimbus(root),
                onlyPersistenceAdapterUsesDatabaseLibraries(root),
                onlyHttpAdapterUsesJavalinAndJetty(root),
                packagesAreFreeOfCycles(root),
                noJavaUtilLogging(root),
                noGenericExceptions(root),
                noStandardStreamsOutsideBootstrap(root),
                serverDoesNotDependOnClientLibrary(root));
    }

    /** The domain sees the JDK, Guava and itself, nothing else. */
    public static ArchRule domainDependsOnlyOnJavaAndGuava(String root) {
        return classes().that().resideInAPackage(domain(root))
                .should().onlyDependOnClassesThat().resideInAnyPackage(domain(root), JAVA, GUAVA)
                .because("the domain is plain Java with Guava's immutable collections");
    }

    /** The application sees the domain, the JDK, Guava and itself, nothing else. */
    public static ArchRule applicationDependsOnlyOnDomainJavaAndGuava(String root) {
        return classes().that().resideInAPackage(application(root))
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage(application(root), domain(root), JAVA, GUAVA)
                .because("use cases and ports are framework-free and know no adapter");
    }

    /** The persistence adapter never sees the HTTP or JOSE adapters. */
    public static ArchRule persistenceAdapterDoesNotDependOnOtherAdapters(String root) {
        return noClasses().that().resideInAPackage(persistence(root))
                .should().dependOnClassesThat().resideInAnyPackage(incoming(root), jose(root))
                .because("adapters meet only through the application's ports");
    }

    /** The HTTP and JOSE adapters never see the persistence adapter. */
    public static ArchRule otherAdaptersDoNotDependOnPersistenceAdapter(String root) {
        return noClasses().that().resideInAnyPackage(incoming(root), jose(root))
                .should().dependOnClassesThat().resideInAPackage(persistence(root))
                .because("adapters meet only through the application's ports");
    }

    /** Bootstrap wires everything, and nothing depends on it. */
    public static ArchRule nothingOutsideBootstrapDependsOnBootstrap(String root) {
        return noClasses().that().resideInAPackage(everything(root)).and().resideOutsideOfPackage(client(root)).and().resideOutsideOfPackage(bootstrap(root))
                .should().dependOnClassesThat().resideInAPackage(bootstrap(root))
                .because("bootstrap is the outermost ring");
    }

    /** nimbus-jose-jwt is confined to the JOSE adapter. */
    public static ArchRule onlyJoseAdapterUsesNimbus(String root) {
        return noClasses().that().resideInAPackage(everything(root)).and().resideOutsideOfPackage(client(root)).and().resideOutsideOfPackage(jose(root))
                .should().dependOnClassesThat().resideInAPackage(NIMBUS)
                .because("the JOSE adapter is the only package that imports com.nimbusds");
    }

    /** Conscrypt, the provider of RS256 signatures, is confined to the JOSE adapter too. */
    public static ArchRule onlyJoseAdapterUsesConscrypt(String root) {
        return noClasses().that().resideInAPackage(everything(root)).and().resideOutsideOfPackage(jose(root))
                .should().dependOnClassesThat().resideInAPackage(CONSCRYPT)
                .because("only the JOSE adapter chooses the provider of signatures (RsaSigners)");
    }

    /** JDBC, JDBI, Flyway and HikariCP are confined to the persistence adapter. */
    public static ArchRule onlyPersistenceAdapterUsesDatabaseLibraries(String root) {
        return noClasses().that().resideInAPackage(everything(root)).and().resideOutsideOfPackage(client(root)).and().resideOutsideOfPackage(persistence(root))
                .should().dependOnClassesThat().resideInAnyPackage(DATABASE_LIBRARIES)
                .because("no Handle, Connection or DataSource crosses the persistence adapter's boundary");
    }

    /** Javalin and Jetty are confined to the HTTP adapter. */
    public static ArchRule onlyHttpAdapterUsesJavalinAndJetty(String root) {
        return noClasses().that().resideInAPackage(everything(root)).and().resideOutsideOfPackage(client(root)).and().resideOutsideOfPackage(http(root))
                .should().dependOnClassesThat().resideInAnyPackage(HTTP_SERVER_LIBRARIES)
                .because("the HTTP adapter alone speaks HTTP");
    }

    /** No two packages depend on each other, directly or through others. */
    public static ArchRule packagesAreFreeOfCycles(String root) {
        return slices().matching(root + ".(**)").should().beFreeOfCycles();
    }

    /** Logging goes through SLF4J, never java.util.logging. */
    public static ArchRule noJavaUtilLogging(String root) {
        return noClasses().that().resideInAPackage(everything(root))
                .should(GeneralCodingRules.USE_JAVA_UTIL_LOGGING);
    }

    /** Nothing throws bare Throwable, Exception or RuntimeException. */
    public static ArchRule noGenericExceptions(String root) {
        return noClasses().that().resideInAPackage(everything(root))
                .should(GeneralCodingRules.THROW_GENERIC_EXCEPTIONS);
    }

    /** Only the command line in bootstrap writes to stdout or stderr. */
    public static ArchRule noStandardStreamsOutsideBootstrap(String root) {
        return noClasses().that().resideInAPackage(everything(root)).and().resideOutsideOfPackage(bootstrap(root))
                .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
                .because("servers log through SLF4J; only the CLI prints");
    }

    /** The server never depends on the client library, which exists for other services. */
    public static ArchRule serverDoesNotDependOnClientLibrary(String root) {
        return noClasses().that().resideInAPackage(everything(root)).and().resideOutsideOfPackage(client(root))
                .should().dependOnClassesThat().resideInAPackage(client(root))
                .because("the client library is shipped to other services; the server must not need it (ADR 0005)");
    }

    private static String everything(String root) {
        return root + "..";
    }

    private static String domain(String root) {
        return root + ".domain..";
    }

    private static String application(String root) {
        return root + ".application..";
    }

    private static String incoming(String root) {
        return root + ".adapter.in..";
    }

    private static String http(String root) {
        return root + ".adapter.in.http..";
    }

    private static String jose(String root) {
        return root + ".adapter.out.jose..";
    }

    private static String persistence(String root) {
        return root + ".adapter.out.persistence..";
    }

    private static String client(String root) {
        return root + ".client..";
    }

    private static String bootstrap(String root) {
        return root + ".bootstrap..";
    }
}
