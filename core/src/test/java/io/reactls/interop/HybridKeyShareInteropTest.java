package io.reactls.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.reactls.NamedGroup;
import io.reactls.engine.TlsEngine;
import io.reactls.handshake.TlsConfig;
import io.reactls.TlsVersion;
import io.reactls.testing.TestPki;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Vector;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.ServerOnlyTlsAuthentication;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.junit.jupiter.api.Test;

/**
 * X25519MLKEM768 against Bouncy Castle's TLS stack (bctls), driven in memory through its non-blocking API: a peer
 * we did not write computes the same hybrid shared secret, or the Finished messages would not verify.
 */
class HybridKeyShareInteropTest {

    private final TestPki pki = TestPki.get();

    /** A Bouncy Castle TLS 1.3 client that offers only X25519MLKEM768 and sends a share for it at once. */
    private static final class HybridOnlyClient extends DefaultTlsClient {
        HybridOnlyClient() {
            super(new BcTlsCrypto(new SecureRandom()));
        }

        @Override
        protected ProtocolVersion[] getSupportedVersions() {
            return ProtocolVersion.TLSv13.only();
        }

        @Override
        protected int[] getSupportedCipherSuites() {
            return new int[] {CipherSuite.TLS_AES_128_GCM_SHA256};
        }

        @Override
        @SuppressWarnings({"rawtypes", "unchecked"})
        protected Vector getSupportedGroups(Vector namedGroupRoles) {
            Vector groups = new Vector();
            groups.add(org.bouncycastle.tls.NamedGroup.X25519MLKEM768);
            return groups;
        }

        @Override
        @SuppressWarnings({"rawtypes", "unchecked"})
        public Vector getEarlyKeyShareGroups() {
            Vector groups = new Vector();
            groups.add(org.bouncycastle.tls.NamedGroup.X25519MLKEM768);
            return groups;
        }

        @Override
        public TlsAuthentication getAuthentication() {
            return new ServerOnlyTlsAuthentication() {
                @Override
                public void notifyServerCertificate(TlsServerCertificate serverCertificate) {
                    // The chain is our test PKI; this test is about the key exchange, not about BC's trust store.
                }
            };
        }
    }

    @Test
    void bouncyCastleClientAgainstOurServer() throws IOException {
        TlsConfig config = TlsConfig.server(pki.ecdsaServer().keyMaterial()).versions(List.of(TlsVersion.TLS_1_3))
                .groups(List.of(NamedGroup.X25519MLKEM768, NamedGroup.X25519)).build();
        TlsEngine server = TlsEngine.server(config, ByteBufAllocator.DEFAULT);
        TlsClientProtocol bc = new TlsClientProtocol();
        try {
            bc.connect(new HybridOnlyClient());
            for (int i = 0; i < 10 && !server.isHandshakeComplete(); i++) {
                shuttle(bc, server);
            }
            shuttle(bc, server); // the client's Finished
            assertThat(server.isHandshakeComplete()).isTrue();
            assertThat(server.session().group()).isEqualTo(NamedGroup.X25519MLKEM768);

            byte[] hello = "post-quantum hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            bc.writeApplicationData(hello, 0, hello.length);
            shuttle(bc, server);
            ByteBuf got = server.takePlaintext();
            try {
                assertThat(got.toString(java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("post-quantum hello");
            } finally {
                got.release();
            }
            server.send(ByteBufAllocator.DEFAULT.heapBuffer().writeBytes(hello));
            shuttle(bc, server);
            byte[] back = new byte[bc.getAvailableInputBytes()];
            bc.readInput(back, 0, back.length);
            assertThat(back).isEqualTo(hello);
        } finally {
            server.release();
        }
    }

    /** Moves bytes both ways once: Bouncy Castle's output to our engine, our output to Bouncy Castle. */
    private static void shuttle(TlsClientProtocol bc, TlsEngine ours) throws IOException {
        int n = bc.getAvailableOutputBytes();
        if (n > 0) {
            byte[] out = new byte[n];
            bc.readOutput(out, 0, n);
            ours.receive(ByteBufAllocator.DEFAULT.heapBuffer(n).writeBytes(out));
        }
        ByteBuf reply = ours.takeOutbound();
        if (reply != null) {
            try {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                reply.readBytes(bytes, reply.readableBytes());
                bc.offerInput(bytes.toByteArray());
            } finally {
                reply.release();
            }
        }
    }
}
