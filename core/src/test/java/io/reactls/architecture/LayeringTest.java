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
import java.util.Set;
import java.util.stream.Collectors;
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
     * The reactive face inside the public package io.reactls: the classes that reach Reactor (TlsConnection, the
     * hooks, HandshakeHooks, the public configs holding them). The rest of io.reactls is the vocabulary every layer
     * speaks (versions, suites, groups, key material, alerts, the pending-operation requests), moved there so that
     * users need one package; those types reach nothing above the engine.
     */
    static final DescribedPredicate<JavaClass> REACTIVE_FACE = new DescribedPredicate<>("the reactive face in io.reactls") {
        @Override
        public boolean test(JavaClass c) {
            return c.getPackageName().equals("io.reactls") && c.getTransitiveDependenciesFromSelf().stream()
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
        org.assertj.core.api.Assertions.assertThat(REACTIVE_FACE.test(CORE.get(io.reactls.TlsConnection.class))).isTrue();
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
        noClasses().that().resideInAPackage("io.reactls")
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
                        "reactor.netty..", "io.reactls.netty..", "io.reactls.jsse..")
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
     * The public types of io.reactls that still reach a layer below (or the driver above) themselves, each to be struck
     * when it is fixed: {@link #vocabularyStaysOnTop} fails when a listed type no longer needs its place here, so the
     * list only shrinks. TlsConnection drives the engine (the public configs are plain values: io.reactls.internal
     * builds the engine's TlsConfig from them).
     */
    static final Set<String> ROOT_REACHING_DOWN = Set.of("io.reactls.TlsConnection");

    /** A class of io.reactls itself, nested and anonymous classes counted as their top-level class. */
    private static String topLevel(JavaClass c) {
        String name = c.getName();
        int nested = name.indexOf('$');
        return nested < 0 ? name : name.substring(0, nested);
    }

    private static final DescribedPredicate<JavaClass> ALLOWED_TO_REACH_DOWN =
            new DescribedPredicate<>("a known root type reaching a layer: " + ROOT_REACHING_DOWN) {
                @Override
                public boolean test(JavaClass c) {
                    return c.getPackageName().equals("io.reactls") && ROOT_REACHING_DOWN.contains(topLevel(c));
                }
            };

    /**
     * io.reactls is the vocabulary every layer speaks (versions, suites, groups, session, events, hooks, exceptions):
     * it imports none of reactls's other packages, so no cycle runs through it. The listed exceptions shrink.
     */
    @Test
    void vocabularyStaysOnTop() {
        noClasses().that().resideInAPackage("io.reactls").and(DescribedPredicate.not(ALLOWED_TO_REACH_DOWN))
                .should().dependOnClassesThat().resideInAPackage("io.reactls.*..")
                .because("the layers import io.reactls; an import back would make a cycle")
                .check(CORE);
        Set<String> stillReaching = CORE.stream().filter(c -> c.getPackageName().equals("io.reactls"))
                .filter(c -> c.getDirectDependenciesFromSelf().stream()
                        .anyMatch(d -> d.getTargetClass().getPackageName().startsWith("io.reactls.")))
                .map(LayeringTest::topLevel).collect(Collectors.toSet());
        org.assertj.core.api.Assertions.assertThat(stillReaching)
                .as("strike the fixed ones from ROOT_REACHING_DOWN").isEqualTo(ROOT_REACHING_DOWN);
    }

    /**
     * No cycle between any of core's packages, io.reactls included, once the known root types above are set aside
     * (their edges are the ones the list names; everything else must already be one-way).
     */
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
        }).should().beFreeOfCycles()
                .ignoreDependency(ALLOWED_TO_REACH_DOWN, DescribedPredicate.alwaysTrue())
                .check(CORE);
    }
}
