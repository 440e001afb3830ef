package io.reactls.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import io.reactls.TlsVersion;
import io.reactls.handshake.ClientHello;
import io.reactls.handshake.Extensions;
import org.junit.jupiter.api.Test;

/**
 * The layering of DESIGN.md, checked on core's compiled classes (tests excluded): arrows only point down, the engine
 * and everything below it know nothing of Reactor, the reactive face or Netty channels, no two packages import each
 * other (directly or around a loop), and the TLS 1.2 and TLS 1.3 handshakes are independent.
 */
class LayeringTest {

    /** Everything below the reactive layer: sans-IO, Reactor-free. */
    static final String[] LOWER_LAYERS = {
        "io.reactls.wire..", "io.reactls.crypto..", "io.reactls.record..", "io.reactls.alert..", "io.reactls.cert..",
        "io.reactls.handshake..", "io.reactls.engine.."
    };

    static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("io.reactls");

    @Test
    void lowerLayersDoNotUseReactor() {
        noClasses().that().resideInAnyPackage(LOWER_LAYERS)
                .should().dependOnClassesThat().resideInAnyPackage("reactor..", "org.reactivestreams..")
                .because("the engine and everything below it are sans-IO; the Mono hooks are adapted in io.reactls")
                .check(CORE);
    }

    /**
     * The reactive face: io.reactls.connection (TlsConnection, a connection's Reactor streams) and the classes of the
     * public package io.reactls that reach Reactor (the hooks, HandshakeHooks, the public configs holding them). The
     * rest of io.reactls is the vocabulary every layer speaks (versions, suites, groups, key material, alerts, the
     * pending-operation requests), moved there so that users need one package; those types reach nothing above the
     * engine.
     */
    static final DescribedPredicate<JavaClass> REACTIVE_FACE = new DescribedPredicate<>("the reactive face") {
        @Override
        public boolean test(JavaClass c) {
            return c.getPackageName().equals("io.reactls.connection") || c.getPackageName().equals("io.reactls")
                    && c.getTransitiveDependenciesFromSelf().stream()
                            .anyMatch(d -> d.getTargetClass().getPackageName().startsWith("reactor."));
        }
    };

    @Test
    void lowerLayersDoNotUseTheReactiveLayer() {
        noClasses().that().resideInAnyPackage(LOWER_LAYERS)
                .should().dependOnClassesThat(REACTIVE_FACE)
                .orShould().dependOnClassesThat().resideInAnyPackage("io.reactls.driver..", "io.reactls.netty..",
                        "io.reactls.client..", "io.reactls.server..", "io.reactls.jsse..")
                .because("arrows only point down: the reactive layer and the doors use the engine, never the reverse")
                .check(CORE);
    }

    /** The shared vocabulary in io.reactls stays below the face: none of it reaches Reactor. */
    @Test
    void publicValueTypesDoNotReachReactor() {
        JavaClass version = CORE.get(TlsVersion.class);
        org.assertj.core.api.Assertions.assertThat(REACTIVE_FACE.test(version)).isFalse();
        org.assertj.core.api.Assertions.assertThat(REACTIVE_FACE.test(CORE.get(io.reactls.connection.TlsConnection.class))).isTrue();
        org.assertj.core.api.Assertions.assertThat(REACTIVE_FACE.test(CORE.get(io.reactls.PrivateKeySigner.class))).isTrue();
        org.assertj.core.api.Assertions.assertThat(REACTIVE_FACE.test(CORE.get(io.reactls.TlsServerConfig.class))).isTrue();
    }

    @Test
    void lowerLayersDoNotUseNettyChannels() {
        // Netty's ByteBuf (io.netty.buffer) is the engine's currency; channels and handlers belong to the doors.
        noClasses().that().resideInAnyPackage(LOWER_LAYERS)
                .should().dependOnClassesThat().resideInAnyPackage("io.netty.channel..", "io.netty.handler..", "reactor.netty..")
                .because("the engine knows no transport")
                .check(CORE);
    }

    @Test
    void theReactiveLayerDoesNotUseNettyChannels() {
        noClasses().that().resideInAnyPackage("io.reactls", "io.reactls.connection..")
                .should().dependOnClassesThat().resideInAnyPackage("io.netty.channel..", "io.netty.handler..", "reactor.netty..")
                .because("the reactive face works over any byte transport; the Netty handler is a door above it")
                .check(CORE);
    }

    /**
     * The engine driver is the reactive layer's one drive loop, shared by TlsConnection (any byte transport) and the
     * Netty handler: it knows neither channels nor the doors that use it.
     */
    @Test
    void theDriverKnowsNoTransport() {
        noClasses().that().resideInAPackage("io.reactls.driver..")
                .should().dependOnClassesThat().resideInAnyPackage("io.netty.channel..", "io.netty.handler..",
                        "reactor.netty..", "io.reactls.netty..", "io.reactls.jsse..", "io.reactls.connection..")
                .because("TlsConnection and the Netty handler are two transports over the same driver")
                .check(CORE);
    }

    @Test
    void tls12DoesNotUseTls13() {
        noClasses().that().resideInAPackage("io.reactls.handshake.tls12..")
                .should().dependOnClassesThat().resideInAPackage("io.reactls.handshake.tls13..")
                .because("the version-neutral entries (handshake.client, handshake.server) are the only place that knows both")
                .check(CORE);
    }

    @Test
    void tls13DoesNotUseTls12() {
        noClasses().that().resideInAPackage("io.reactls.handshake.tls13..")
                .should().dependOnClassesThat().resideInAPackage("io.reactls.handshake.tls12..")
                .because("the version-neutral entries (handshake.client, handshake.server) are the only place that knows both")
                .check(CORE);
    }

    /** One ClientHello builder for both versions: the version packages only decode hellos (servers), never build them. */
    @Test
    void onlyTheVersionNeutralClientBuildsClientHellos() {
        noClasses().that().resideInAnyPackage("io.reactls.handshake.tls12..", "io.reactls.handshake.tls13..",
                        "io.reactls.handshake.server..")
                .should().callConstructor(ClientHello.class, int.class, byte[].class, byte[].class, java.util.List.class,
                        byte[].class, Extensions.class)
                .because("handshake.client.ClientHelloBuilder is the one place a ClientHello is made")
                .check(CORE);
    }

    /** The subpackages of io.reactls. */
    @Test
    void noCyclesBetweenPackages() {
        slices().matching("io.reactls.(**)").should().beFreeOfCycles().check(CORE);
    }

    /**
     * io.reactls is the vocabulary every layer speaks (versions, suites, groups, session, events, hooks, exceptions,
     * the configurations and key material as plain values): it imports none of reactls's other packages, so no cycle
     * runs through it. What drives the engine sits above it ({@code io.reactls.connection}, the doors); the engine
     * configuration a public config stands for is built in {@code io.reactls.internal}.
     */
    @Test
    void vocabularyStaysOnTop() {
        noClasses().that().resideInAPackage("io.reactls")
                .should().dependOnClassesThat().resideInAPackage("io.reactls.*..")
                .because("the layers import io.reactls; an import back would make a cycle")
                .check(CORE);
    }

    /** No cycle between any of core's packages, io.reactls included. */
    @Test
    void noCyclesThroughTheRootPackage() {
        slices().assignedFrom(new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass c) {
                return c.getPackageName().startsWith("io.reactls") ? SliceIdentifier.of(c.getPackageName())
                        : SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "core's packages, io.reactls included";
            }
        }).should().beFreeOfCycles().check(CORE);
    }
}
