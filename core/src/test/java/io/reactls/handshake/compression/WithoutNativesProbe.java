package io.reactls.handshake.compression;

import io.reactls.CertificateCompression;
import io.reactls.handshake.TlsConfig;
import java.util.Arrays;

/**
 * Run by {@link OptionalNativesTest} in a JVM whose classpath lacks brotli4j and zstd-jni: prints what a default
 * client config offers and checks that zlib still round-trips.
 */
public final class WithoutNativesProbe {

    private WithoutNativesProbe() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("offered " + TlsConfig.client().build().certificateCompression());
        byte[] plain = new byte[4096];
        Arrays.fill(plain, (byte) 'x');
        byte[] back = CertificateCodecs.decompress(CertificateCompression.ZLIB, CertificateCodecs.compress(CertificateCompression.ZLIB, plain), plain.length);
        System.out.println("zlib round trip " + Arrays.equals(plain, back));
    }
}
