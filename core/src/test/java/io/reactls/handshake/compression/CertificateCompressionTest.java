package io.reactls.handshake.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactls.CertificateCompression;
import io.reactls.CertificateGenerator;
import io.reactls.GeneratedPki;
import io.reactls.handshake.TlsConfig;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each RFC 8879 algorithm on its own: round trips, and every way a stream can miss its declared length. */
class CertificateCompressionTest {

    static final GeneratedPki EC = CertificateGenerator.ec().ca("compression EC CA").leaf("localhost");

    /** Something shaped like a Certificate body: DER certificates, which is what the codecs see in practice. */
    static byte[] chainBytes() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(EC.leafCertificate().certificate().getEncoded());
        out.write(EC.caCertificate().getEncoded());
        return out.toByteArray();
    }

    @Test
    void everyAlgorithmLoadsOnThisPlatform() {
        // linux-x86_64 is what we ship natives for; elsewhere an algorithm may be off, and a config drops it.
        for (CertificateCompression c : CertificateCompression.values()) {
            assertThat(CertificateCodecs.isAvailable(c)).as(c + ": " + CertificateCodecs.unavailabilityCause(c)).isTrue();
        }
        assertThat(TlsConfig.client().build().certificateCompression()).as("a default config keeps them all").containsExactly(CertificateCompression.BROTLI,
                CertificateCompression.ZSTD, CertificateCompression.ZLIB);
        assertThat(CertificateCompression.fromId(2)).isEqualTo(CertificateCompression.BROTLI);
        assertThat(CertificateCompression.fromId(0)).isNull();
    }

    @ParameterizedTest
    @EnumSource(CertificateCompression.class)
    void roundTrip(CertificateCompression c) throws Exception {
        byte[] plain = chainBytes();
        byte[] compressed = CertificateCodecs.compress(c, plain);
        assertThat(compressed.length).isLessThan(plain.length);
        assertThat(CertificateCodecs.decompress(c, compressed, plain.length)).isEqualTo(plain);
    }

    @ParameterizedTest
    @EnumSource(CertificateCompression.class)
    void aStreamYieldingFewerBytesThanDeclaredFails(CertificateCompression c) throws Exception {
        byte[] plain = chainBytes();
        assertThatThrownBy(() -> CertificateCodecs.decompress(c, CertificateCodecs.compress(c, plain), plain.length + 1)).isInstanceOf(DecompressionException.class);
    }

    @ParameterizedTest
    @EnumSource(CertificateCompression.class)
    void aStreamYieldingMoreBytesThanDeclaredFails(CertificateCompression c) throws Exception {
        byte[] plain = chainBytes();
        assertThatThrownBy(() -> CertificateCodecs.decompress(c, CertificateCodecs.compress(c, plain), plain.length - 1)).isInstanceOf(DecompressionException.class);
    }

    @ParameterizedTest
    @EnumSource(CertificateCompression.class)
    void aTruncatedStreamFails(CertificateCompression c) throws Exception {
        byte[] plain = chainBytes();
        byte[] compressed = CertificateCodecs.compress(c, plain);
        byte[] truncated = Arrays.copyOf(compressed, compressed.length - 5);
        assertThatThrownBy(() -> CertificateCodecs.decompress(c, truncated, plain.length)).isInstanceOf(DecompressionException.class);
    }

    @ParameterizedTest
    @EnumSource(CertificateCompression.class)
    void garbageFails(CertificateCompression c) {
        byte[] garbage = new byte[200];
        Arrays.fill(garbage, (byte) 0xA5);
        assertThatThrownBy(() -> CertificateCodecs.decompress(c, garbage, 1000)).isInstanceOf(DecompressionException.class);
    }

    @ParameterizedTest
    @EnumSource(CertificateCompression.class)
    void bytesAfterTheStreamFail(CertificateCompression c) throws Exception {
        byte[] plain = chainBytes();
        byte[] compressed = CertificateCodecs.compress(c, plain);
        byte[] padded = Arrays.copyOf(compressed, compressed.length + 3);
        padded[compressed.length] = 1;
        assertThatThrownBy(() -> CertificateCodecs.decompress(c, padded, plain.length)).isInstanceOf(DecompressionException.class);
    }

    /** 16 MiB of zeros compresses to a few KiB (zlib) or bytes (brotli, zstd); decoding stops at the declared 60000. */
    @ParameterizedTest
    @EnumSource(CertificateCompression.class)
    void aBombIsStoppedAtItsDeclaredLengthWithoutTheBigBuffer(CertificateCompression c) throws Exception {
        byte[] bomb = CertificateCodecs.compress(c, new byte[16 << 20]);
        assertThat(bomb.length).isLessThan(20_000);
        long before = allocatedBytes();
        assertThatThrownBy(() -> CertificateCodecs.decompress(c, bomb, 60_000)).isInstanceOf(DecompressionException.class)
                .hasMessageContaining("60000");
        long allocated = allocatedBytes() - before;
        assertThat(allocated).as("heap allocated while refusing the bomb").isLessThan(2L << 20);
    }

    /** The JDK writes zlib (RFC 1950) with nowrap=false; a raw deflate stream has no zlib header and must fail. */
    @Test
    void zlibMeansTheZlibFormatNotRawDeflate() throws Exception {
        byte[] plain = chainBytes();
        byte[] zlib = CertificateCodecs.compress(CertificateCompression.ZLIB, plain);
        assertThat(zlib[0] & 0x0F).as("CM = 8 (deflate) in the zlib header").isEqualTo(8);
        assertThat(((zlib[0] & 0xFF) << 8 | (zlib[1] & 0xFF)) % 31).as("FCHECK").isZero();
        Inflater jdk = new Inflater(); // independent check: the JDK's zlib reader takes it
        jdk.setInput(zlib);
        byte[] back = new byte[plain.length];
        assertThat(jdk.inflate(back)).isEqualTo(plain.length);
        jdk.end();

        Deflater raw = new Deflater(Deflater.BEST_COMPRESSION, true);
        raw.setInput(plain);
        raw.finish();
        byte[] buf = new byte[plain.length + 100];
        int n = raw.deflate(buf);
        raw.end();
        byte[] rawDeflate = Arrays.copyOf(buf, n);
        assertThatThrownBy(() -> CertificateCodecs.decompress(CertificateCompression.ZLIB, rawDeflate, plain.length))
                .isInstanceOf(DecompressionException.class);
    }

    @Test
    void theCacheCompressesOncePerBodyAndAlgorithm() throws Exception {
        CompressedCertificateCache cache = new CompressedCertificateCache();
        byte[] body = chainBytes();
        byte[] first = cache.compress(CertificateCompression.BROTLI, body, true);
        assertThat(cache.compress(CertificateCompression.BROTLI, body.clone(), true)).isSameAs(first);
        cache.compress(CertificateCompression.ZLIB, body, true);
        assertThat(cache.compressions()).isEqualTo(2);
        cache.compress(CertificateCompression.ZLIB, body, false); // a peer-chosen context: never kept
        cache.compress(CertificateCompression.ZLIB, body, false);
        assertThat(cache.compressions()).isEqualTo(4);
    }

    static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }
}
