package io.reactls.engine;

import static io.reactls.engine.TlsEngineNegativeTest.RSA;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.reactls.CipherSuite;
import io.reactls.handshake.TlsConfig;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link TlsEngine#directOutbound}: application data is sealed into a direct buffer (what a socket writes from) where
 * that costs no extra copy, into a heap buffer where sealing straight from the plaintext's array saves one (TLS 1.2
 * AEAD from a heap buffer), and the peer opens the records either way.
 */
class DirectOutboundTest {

    @ParameterizedTest
    @CsvSource({
        "TLS_AES_128_GCM_SHA256, true, true, true",
        "TLS_AES_128_GCM_SHA256, true, false, true",
        "TLS_AES_128_GCM_SHA256, false, true, false",
        "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, true, true, true",
        "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, true, false, false",
        "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256, true, true, true",
    })
    void applicationDataIsSealedIntoDirectBuffersWhereThatSavesNetty(CipherSuite suite, boolean direct,
            boolean directPlaintext, boolean expectDirect) {
        TlsConfig client = TlsConfig.client().cipherSuites(List.of(suite)).trustAnchors(RSA.trustAnchors()).build();
        TlsConfig server = TlsConfig.server(RSA.leaf()).cipherSuites(List.of(suite)).build();
        try (EnginePair p = new EnginePair(TlsEngine.client(client, "localhost", ByteBufAllocator.DEFAULT),
                TlsEngine.server(server, ByteBufAllocator.DEFAULT)).handshake()) {
            p.client.directOutbound(direct);
            byte[] data = new byte[40_000]; // three records
            new Random(1).nextBytes(data);
            ByteBuf plaintext = directPlaintext ? ByteBufAllocator.DEFAULT.directBuffer(data.length)
                    : ByteBufAllocator.DEFAULT.heapBuffer(data.length);
            p.client.send(plaintext.writeBytes(data));

            ByteBuf records = p.client.takeOutbound();
            assertThat(records.isDirect()).as("records sealed into a direct buffer").isEqualTo(expectDirect);
            p.server.receive(records);
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            ByteBuf b;
            while ((b = p.server.takePlaintext()) != null) {
                received.writeBytes(ByteBufUtil.getBytes(b));
                b.release();
            }
            assertThat(received.toByteArray()).isEqualTo(data);
        }
    }
}
