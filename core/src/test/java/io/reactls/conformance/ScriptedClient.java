package io.reactls.conformance;

import io.reactls.crypto.CipherSuites;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.reactls.CipherSuite;
import io.reactls.crypto.HashAlgorithm;
import io.reactls.handshake.ExtensionType;
import io.reactls.handshake.ServerHello;
import io.reactls.handshake.tls13.HandshakeSecret;
import io.reactls.handshake.tls13.MasterSecret;
import io.reactls.handshake.tls13.Tls13Extensions;
import io.reactls.handshake.tls13.Tls13KeySchedule;
import io.reactls.wire.TlsReader;
import java.util.ArrayList;
import java.util.List;

/**
 * A scripted client. With a {@link ClientHelloBuilder#tls13()} hello it runs the TLS 1.3 key schedule from its own
 * X25519 share (the project's HKDF and AEAD code, test-side), so it can send protected records of its choosing
 * after the ServerHello, a correct or a wrong Finished, and read the server's protected alerts.
 */
public final class ScriptedClient extends Script {

    private ClientHelloBuilder hello;
    private ServerHello serverHello;
    private byte[] clientHandshakeSecret;
    private byte[] clientApplicationSecret;
    private byte[] serverApplicationSecret;
    private HandshakeSecret handshakeSecret;

    private ScriptedClient(Peer peer) {
        super(peer);
    }

    public static ScriptedClient against(Peer server) {
        return new ScriptedClient(server);
    }

    /** Sends {@code hello} in one plaintext record with record version 0x0301, as clients do. */
    public ScriptedClient hello(ClientHelloBuilder hello) {
        return hello(hello, 0x0301);
    }

    public ScriptedClient hello(ClientHelloBuilder hello, int recordVersion) {
        byte[] message = hello.build();
        this.hello = hello;
        recordSent(message);
        send(Wire.record(Wire.HANDSHAKE, recordVersion, message));
        return this;
    }

    /** Remembers {@code hello} as sent (its key share and transcript) without sending it: the test frames it itself. */
    public ScriptedClient helloSentAs(ClientHelloBuilder hello) {
        this.hello = hello;
        recordSent(hello.build());
        return this;
    }

    /** Reads the ServerHello and checks it chose TLS 1.3; derives the handshake keys from our share and the server's. */
    public ServerHello readServerHello13() {
        byte[] message = nextHandshakeMessage();
        assertThat(message[0]).as("ServerHello").isEqualTo((byte) 2);
        ServerHello sh = decodeServerHello(message);
        Integer version = sh.extensions().parse(ExtensionType.SUPPORTED_VERSIONS, "supported_versions",
                Tls13Extensions::readSelectedVersion);
        assertThat(version).as("selected version").isEqualTo(0x0304);
        deriveHandshakeKeys(sh);
        return sh;
    }

    private void deriveHandshakeKeys(ServerHello sh) {
        serverHello = sh;
        suite = CipherSuite.fromId(serverHello.cipherSuite());
        Tls13Extensions.KeyShare share = serverHello.extensions().parse(ExtensionType.KEY_SHARE, "key_share",
                Tls13Extensions::readServerKeyShare);
        HashAlgorithm h = CipherSuites.hash(suite);
        HandshakeSecret hs = Tls13KeySchedule.early(h, null).handshake(hello.keyShare().agree(share.keyExchange()));
        byte[] helloHash = transcript.hash(h);
        clientHandshakeSecret = hs.clientTrafficSecret(helloHash);
        readKeys = keys(hs.serverTrafficSecret(helloHash));
        writeKeys = keys(clientHandshakeSecret);
        handshakeSecret = hs;
    }

    /**
     * As {@link Script#expectAlert}; a TLS 1.3 ServerHello that comes first is read and gives the keys to open the
     * server's protected alert.
     */
    @Override
    public io.reactls.TlsAlertException expectAlert(io.reactls.AlertDescription description) {
        if (serverHello == null && hello != null && hello.keyShare() != null) {
            Wire.Received first = nextRecord();
            if (first != null) {
                pushBack(first);
                if (first.type() == Wire.HANDSHAKE && first.content().length > 0 && first.content()[0] == 2) {
                    byte[] message = nextHandshakeMessage();
                    ServerHello sh = decodeServerHello(message);
                    if (!java.util.Arrays.equals(sh.random(), ServerHelloBuilder.HELLO_RETRY_REQUEST_RANDOM)
                            && sh.extensions().has(ExtensionType.SUPPORTED_VERSIONS)) {
                        deriveHandshakeKeys(sh);
                        try {
                            readServerFlight13(); // its Finished switches the server to its application keys
                        } catch (AssertionError alertInstead) {
                            // the alert (or the end) came first; it is still there to read
                        }
                    }
                }
            }
        }
        return super.expectAlert(description);
    }

    /**
     * The TLS 1.3 server flight, ServerHello through Finished; afterwards we read with the server's application keys
     * and still write with our handshake keys. Returns the messages after the ServerHello.
     */
    public List<byte[]> readServerFlight13() {
        if (serverHello == null) {
            readServerHello13();
        }
        List<byte[]> messages = new ArrayList<>();
        byte[] m;
        do {
            m = nextHandshakeMessage();
            messages.add(m);
        } while (m[0] != 20);
        byte[] serverFinishedHash = transcript.hash(CipherSuites.hash(suite));
        MasterSecret master = handshakeSecret.master();
        clientApplicationSecret = master.clientApplicationTrafficSecret(serverFinishedHash);
        serverApplicationSecret = master.serverApplicationTrafficSecret(serverFinishedHash);
        readKeys = keys(serverApplicationSecret);
        return messages;
    }

    /** Our Finished over the transcript so far (ClientHello through the server's Finished). */
    public byte[] finished() {
        byte[] verifyData = Tls13KeySchedule.finishedVerifyData(CipherSuites.hash(suite), clientHandshakeSecret, transcript.hash(CipherSuites.hash(suite)));
        return Wire.message(20, verifyData);
    }

    /** From now on we write with our application keys (after our Finished went out, however the test sent it). */
    public ScriptedClient switchToApplicationKeys() {
        writeKeys = keys(clientApplicationSecret);
        return this;
    }

    /** Sends our Finished in one protected record and switches to our application keys. */
    public ScriptedClient sendFinished() {
        byte[] fin = finished();
        recordSent(fin);
        send(protect(Wire.HANDSHAKE, fin));
        return switchToApplicationKeys();
    }

    /** A full TLS 1.3 handshake with {@code hello}: the connection is then ready for application data. */
    public ScriptedClient handshake13(ClientHelloBuilder hello) {
        hello(hello);
        readServerFlight13();
        return sendFinished();
    }

    /** The TLS 1.2 server flight, up to ServerHelloDone (or the ServerHello's Finished when resuming). */
    public List<byte[]> readServerFlight12() {
        List<byte[]> messages = new ArrayList<>();
        byte[] m;
        do {
            m = nextHandshakeMessage();
            messages.add(m);
        } while (m[0] != 14 && m[0] != 20);
        return messages;
    }

    /** A ServerHello's fields, decoded. */
    public static ServerHello decodeServerHello(byte[] message) {
        return ServerHello.decode(TlsReader.of(Unpooled.wrappedBuffer(message, 4, message.length - 4), "ServerHello"));
    }
}
