package io.reactls.handshake.tls13;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** What a TLS 1.3 CertificateVerify signs (RFC 8446 §4.4.3): 64 spaces, a context string, 0, the transcript hash. */
final class CertificateVerifyContent {

    private CertificateVerifyContent() {
    }

    static byte[] of(boolean server, byte[] transcriptHash) {
        byte[] context = (server ? "TLS 1.3, server CertificateVerify" : "TLS 1.3, client CertificateVerify")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[64 + context.length + 1 + transcriptHash.length];
        Arrays.fill(out, 0, 64, (byte) 0x20);
        System.arraycopy(context, 0, out, 64, context.length);
        System.arraycopy(transcriptHash, 0, out, 64 + context.length + 1, transcriptHash.length);
        return out;
    }
}
