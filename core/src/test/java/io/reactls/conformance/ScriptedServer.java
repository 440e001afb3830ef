package io.reactls.conformance;

import io.reactls.crypto.CipherSuites;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.reactls.CipherSuite;
import io.reactls.handshake.ClientHello;
import io.reactls.handshake.ExtensionType;
import io.reactls.handshake.tls13.HandshakeSecret;
import io.reactls.handshake.tls13.Tls13Extensions;
import io.reactls.handshake.tls13.Tls13KeySchedule;
import io.reactls.wire.TlsReader;

/**
 * A scripted server against a client engine. After a {@link ServerHelloBuilder#tls13} ServerHello it holds both
 * handshake traffic keys, so it can send protected messages of its choosing and read the client's protected alerts.
 */
public final class ScriptedServer extends Script {

    private ScriptedServer(Peer peer) {
        super(peer);
    }

    public static ScriptedServer against(Peer client) {
        return new ScriptedServer(client);
    }

    /** Reads the client's (first or retried) ClientHello. */
    public ClientHello readClientHello() {
        byte[] message = nextHandshakeMessage();
        assertThat(message[0]).as("ClientHello").isEqualTo((byte) 1);
        return decodeClientHello(message);
    }

    public static ClientHello decodeClientHello(byte[] message) {
        return ClientHello.decode(TlsReader.of(Unpooled.wrappedBuffer(message, 4, message.length - 4), "ClientHello"));
    }

    /**
     * Sends {@code serverHello} in one plaintext record; when it carries our X25519 share, derives the handshake
     * keys: we then write with the server's and read with the client's.
     */
    public ScriptedServer serverHello(ServerHelloBuilder serverHello, ClientHello clientHello) {
        byte[] message = serverHello.build();
        recordSent(message);
        send(Wire.handshakeRecord(message));
        CipherSuite chosen = CipherSuite.fromId(serverHello.cipherSuite());
        if (serverHello.keyShare() != null && chosen != null && chosen.isTls13()) {
            suite = chosen;
            byte[] clientShare = clientHello.extensions().parse(ExtensionType.KEY_SHARE, "key_share", Tls13Extensions::readClientKeyShares)
                    .stream().filter(s -> s.group() == ClientHelloBuilder.X25519).findFirst().orElseThrow().keyExchange();
            HandshakeSecret hs = Tls13KeySchedule.early(CipherSuites.hash(suite), null).handshake(serverHello.keyShare().agree(clientShare));
            byte[] helloHash = transcript.hash(CipherSuites.hash(suite));
            writeKeys = keys(hs.serverTrafficSecret(helloHash));
            readKeys = keys(hs.clientTrafficSecret(helloHash));
        }
        return this;
    }
}
