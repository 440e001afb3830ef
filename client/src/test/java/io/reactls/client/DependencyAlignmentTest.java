package io.reactls.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.Version;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import reactor.netty.Connection;

/**
 * The versions an application gets: one Netty, the one reactor-netty declares, and a BOM that says the same as the
 * build. Fails when someone bumps reactor-bom or netty.version without the other, or the parent without the BOM.
 */
class DependencyAlignmentTest {

    @Test
    void everyNettyModuleOnTheClasspathHasOneVersion() {
        Map<String, String> versions = new TreeMap<>();
        Version.identify().forEach((artifact, version) -> versions.put(artifact, version.artifactVersion()));
        assertThat(versions).isNotEmpty();
        assertThat(versions.values().stream().distinct()).as("Netty modules on the classpath: %s", versions).hasSize(1);
    }

    @Test
    void ourNettyIsTheOneReactorNettyDeclares() throws Exception {
        // The local repository keeps each jar's pom beside it: reactor-netty-core's names the Netty it was built on.
        Path jar = Path.of(Connection.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path pom = jar.resolveSibling(jar.getFileName().toString().replaceFirst("\\.jar$", ".pom"));
        Matcher declared = Pattern.compile("<artifactId>netty-handler</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(pom));
        assertThat(declared.find()).as("netty-handler in %s", pom).isTrue();
        assertThat(Version.identify().get("netty-buffer").artifactVersion()).isEqualTo(declared.group(1));
    }

    @Test
    void theBomSaysWhatTheBuildUses() throws Exception {
        String parent = Files.readString(Path.of("..", "pom.xml"));
        String bom = Files.readString(Path.of("..", "bom", "pom.xml"));
        for (String property : new String[] {"reactor.version", "netty.version", "bouncycastle.version",
                "brotli4j.version", "zstd-jni.version"}) {
            assertThat(property(bom, property)).as(property).isEqualTo(property(parent, property));
        }
        assertThat(property(bom, "reactls.version")).isEqualTo(projectVersion(parent));
        assertThat(projectVersion(bom)).isEqualTo(projectVersion(parent));
    }

    private static String property(String pom, String name) {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</" + Pattern.quote(name) + ">").matcher(pom);
        assertThat(m.find()).as("<%s> in the pom", name).isTrue();
        return m.group(1).trim();
    }

    /** The project's own version: the first {@code <version>} after its artifactId, outside any parent block. */
    private static String projectVersion(String pom) {
        String withoutParent = pom.replaceAll("(?s)<parent>.*?</parent>", "");
        Matcher m = Pattern.compile("<artifactId>[^<]+</artifactId>\\s*<version>([^<]+)</version>").matcher(withoutParent);
        assertThat(m.find()).isTrue();
        return m.group(1).trim();
    }
}
