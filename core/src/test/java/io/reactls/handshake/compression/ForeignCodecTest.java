package io.reactls.handshake.compression;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactls.CertificateCompression;
import io.reactls.testing.PeerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our codecs against other implementations of the same formats, both ways: Node's zlib and brotli (its bundled zlib
 * and Google's brotli) and the zstd command-line tool. Certificate compression needs exactly the formats RFC 8879
 * names (zlib with its header, not raw deflate), and only a foreign encoder or decoder can tell.
 */
class ForeignCodecTest {

    @TempDir
    Path dir;

    @Test
    void zlibAgainstNode() throws Exception {
        roundTripsWithForeign(CertificateCompression.ZLIB,
                List.of("node", "-e", node("inflateSync")), List.of("node", "-e", node("deflateSync")));
    }

    @Test
    void brotliAgainstNode() throws Exception {
        roundTripsWithForeign(CertificateCompression.BROTLI,
                List.of("node", "-e", node("brotliDecompressSync")), List.of("node", "-e", node("brotliCompressSync")));
    }

    @Test
    void zstdAgainstTheZstdTool() throws Exception {
        roundTripsWithForeign(CertificateCompression.ZSTD,
                List.of("zstd", "-d", "-q", "-f", "IN", "-o", "OUT"), List.of("zstd", "-19", "-q", "-f", "IN", "-o", "OUT"));
    }

    private static String node(String function) {
        return "const fs=require('fs'),z=require('zlib');fs.writeFileSync(process.argv[2],z." + function
                + "(fs.readFileSync(process.argv[1])))";
    }

    private void roundTripsWithForeign(CertificateCompression c, List<String> decode, List<String> encode) throws Exception {
        byte[] plain = CertificateCompressionTest.chainBytes();
        // ours → theirs
        Path ours = dir.resolve("ours." + c.rfcName());
        Files.write(ours, CertificateCodecs.compress(c, plain));
        Path back = dir.resolve("back");
        run(decode, ours, back);
        assertThat(Files.readAllBytes(back)).isEqualTo(plain);
        // theirs → ours
        Path raw = dir.resolve("plain");
        Files.write(raw, plain);
        Path theirs = dir.resolve("theirs." + c.rfcName());
        run(encode, raw, theirs);
        assertThat(CertificateCodecs.decompress(c, Files.readAllBytes(theirs), plain.length)).isEqualTo(plain);
    }

    private static void run(List<String> template, Path in, Path out) throws IOException, InterruptedException {
        List<String> command = template.stream().map(a -> a.equals("IN") ? in.toString() : a.equals("OUT") ? out.toString() : a).toList();
        if (command.equals(template)) { // node scripts take the paths as arguments
            command = new java.util.ArrayList<>(template);
            command.addAll(List.of(in.toString(), out.toString()));
        }
        PeerProcess.requireExecutable(command.get(0));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as(String.join(" ", command) + " finished").isTrue();
            assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
        } finally {
            p.destroyForcibly();
        }
    }
}
