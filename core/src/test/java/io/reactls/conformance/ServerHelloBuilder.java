package io.reactls.conformance;

import io.reactls.crypto.EcdheKeyPair;
import io.reactls.NamedGroup;
import io.reactls.handshake.ClientHello;
import io.reactls.handshake.ExtensionType;

/** A ServerHello (or HelloRetryRequest) with exactly the fields and extensions listed, in that order. */
public final class ServerHelloBuilder {

    /** RFC 8446 §4.1.3: the random of a HelloRetryRequest, SHA-256("HelloRetryRequest"). */
    public static final byte[] HELLO_RETRY_REQUEST_RANDOM =
            Bytes.hex("CF21AD74E59A6111BE1D8C021E65B891C2A211167ABB8C5E079E09E2C8A8339C");

    private int legacyVersion = 0x0303;
    private byte[] random = ClientHelloBuilder.randomBytes(32);
    private byte[] sessionId;
    private int cipherSuite = ClientHelloBuilder.TLS_AES_128_GCM_SHA256;
    private int compressionMethod;
    private final Extension.ListBuilder extensions = new Extension.ListBuilder();
    private EcdheKeyPair share;

    private ServerHelloBuilder(byte[] sessionId) {
        this.sessionId = sessionId.clone();
    }

    /** A TLS 1.3 ServerHello answering {@code hello}: its session id echoed, supported_versions, an X25519 share. */
    public static ServerHelloBuilder tls13(ClientHello hello) {
        ServerHelloBuilder b = new ServerHelloBuilder(hello.sessionId());
        b.share = EcdheKeyPair.generate(NamedGroup.X25519, ClientHelloBuilder.RANDOM);
        b.extension(ExtensionType.SUPPORTED_VERSIONS, Bytes.create().u16(0x0304).toArray());
        b.extension(ExtensionType.KEY_SHARE, Bytes.create().u16(ClientHelloBuilder.X25519).vec16(b.share.publicKey()).toArray());
        return b;
    }

    /** A HelloRetryRequest answering {@code hello}, asking for a share of {@code group}. */
    public static ServerHelloBuilder helloRetryRequest(ClientHello hello, int group) {
        ServerHelloBuilder b = new ServerHelloBuilder(hello.sessionId());
        b.random = HELLO_RETRY_REQUEST_RANDOM.clone();
        b.extension(ExtensionType.SUPPORTED_VERSIONS, Bytes.create().u16(0x0304).toArray());
        b.extension(ExtensionType.KEY_SHARE, Bytes.create().u16(group).toArray());
        return b;
    }

    public ServerHelloBuilder legacyVersion(int version) {
        this.legacyVersion = version;
        return this;
    }

    public ServerHelloBuilder sessionId(byte[] id) {
        this.sessionId = id.clone();
        return this;
    }

    public ServerHelloBuilder cipherSuite(int suite) {
        this.cipherSuite = suite;
        return this;
    }

    public ServerHelloBuilder compressionMethod(int method) {
        this.compressionMethod = method;
        return this;
    }

    public ServerHelloBuilder extension(int type, byte[] data) {
        extensions.add(type, data);
        return this;
    }

    public ServerHelloBuilder replace(int type, byte[] data) {
        extensions.set(type, data);
        return this;
    }

    public ServerHelloBuilder without(int type) {
        extensions.remove(type);
        return this;
    }

    /** Our X25519 key pair behind the key_share of {@link #tls13}. */
    public EcdheKeyPair keyShare() {
        return share;
    }

    public int cipherSuite() {
        return cipherSuite;
    }

    public byte[] build() {
        byte[] body = Bytes.create().u16(legacyVersion).raw(random).vec8(sessionId).u16(cipherSuite)
                .u8(compressionMethod).raw(Extension.block(extensions.list)).toArray();
        return Wire.message(2, body);
    }
}
