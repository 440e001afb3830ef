package io.reactls.conformance;

import io.reactls.crypto.EcdheKeyPair;
import io.reactls.NamedGroup;
import io.reactls.handshake.ExtensionType;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;

/**
 * A ClientHello with exactly the fields and extensions listed, in that order. {@link #tls13()} and {@link #tls12()}
 * start from what a plain modern client sends; every setter then changes one thing, however wrong.
 */
public final class ClientHelloBuilder {

    public static final int TLS_AES_128_GCM_SHA256 = 0x1301;
    public static final int TLS_AES_256_GCM_SHA384 = 0x1302;
    public static final int TLS_CHACHA20_POLY1305_SHA256 = 0x1303;
    public static final int TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 = 0xC02B;
    public static final int TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 = 0xC02F;
    public static final int TLS_EMPTY_RENEGOTIATION_INFO_SCSV = 0x00FF;
    public static final int TLS_FALLBACK_SCSV = 0x5600;
    public static final int X25519 = 0x001D;
    public static final int SECP256R1 = 0x0017;
    /** ECDSA P-256, Ed25519, RSA-PSS (rsae), RSA PKCS#1: what any of our test certificates can sign with. */
    static final int[] SCHEMES = {0x0403, 0x0503, 0x0807, 0x0804, 0x0805, 0x0401, 0x0501};

    static final SecureRandom RANDOM = new SecureRandom();

    private int legacyVersion = 0x0303;
    private byte[] random = randomBytes(32);
    private byte[] sessionId = randomBytes(32);
    private int[] cipherSuites;
    private byte[] compressionMethods = {0};
    private final Extension.ListBuilder extensions = new Extension.ListBuilder();
    private EcdheKeyPair share;

    private ClientHelloBuilder() {
    }

    /** A TLS 1.3 (only) ClientHello with an X25519 key share whose private key {@link #keyShare()} keeps. */
    public static ClientHelloBuilder tls13() {
        ClientHelloBuilder b = new ClientHelloBuilder();
        b.cipherSuites = new int[] {TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384, TLS_CHACHA20_POLY1305_SHA256};
        b.share = EcdheKeyPair.generate(NamedGroup.X25519, RANDOM);
        b.extension(ExtensionType.SUPPORTED_GROUPS, Bytes.create().u16List(X25519, SECP256R1).toArray());
        b.extension(ExtensionType.SIGNATURE_ALGORITHMS, Bytes.create().u16List(SCHEMES).toArray());
        b.extension(ExtensionType.SUPPORTED_VERSIONS, Bytes.create().vec8(Bytes.create().u16(0x0304).toArray()).toArray());
        b.extension(ExtensionType.PSK_KEY_EXCHANGE_MODES, new byte[] {1, 1});
        b.extension(ExtensionType.KEY_SHARE, keyShares(X25519, b.share.publicKey()));
        return b;
    }

    /**
     * A TLS 1.2 ClientHello (no supported_versions) for the ECDHE GCM suites, with the extended master secret and
     * renegotiation_info.
     */
    public static ClientHelloBuilder tls12() {
        ClientHelloBuilder b = new ClientHelloBuilder();
        b.sessionId = new byte[0];
        b.cipherSuites = new int[] {TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256};
        b.extension(ExtensionType.SUPPORTED_GROUPS, Bytes.create().u16List(X25519, SECP256R1).toArray());
        b.extension(ExtensionType.EC_POINT_FORMATS, new byte[] {1, 0});
        b.extension(ExtensionType.SIGNATURE_ALGORITHMS, Bytes.create().u16List(SCHEMES).toArray());
        b.extension(ExtensionType.EXTENDED_MASTER_SECRET, new byte[0]);
        b.extension(ExtensionType.RENEGOTIATION_INFO, new byte[] {0});
        return b;
    }

    public ClientHelloBuilder legacyVersion(int version) {
        this.legacyVersion = version;
        return this;
    }

    public ClientHelloBuilder random(byte[] random) {
        this.random = random.clone();
        return this;
    }

    public ClientHelloBuilder sessionId(byte[] sessionId) {
        this.sessionId = sessionId.clone();
        return this;
    }

    public ClientHelloBuilder cipherSuites(int... suites) {
        this.cipherSuites = suites.clone();
        return this;
    }

    /** Adds {@code suite} at the end of the list (e.g. a signalling value). */
    public ClientHelloBuilder addCipherSuite(int suite) {
        int[] more = java.util.Arrays.copyOf(cipherSuites, cipherSuites.length + 1);
        more[cipherSuites.length] = suite;
        cipherSuites = more;
        return this;
    }

    public ClientHelloBuilder compressionMethods(int... methods) {
        compressionMethods = new byte[methods.length];
        for (int i = 0; i < methods.length; i++) {
            compressionMethods[i] = (byte) methods[i];
        }
        return this;
    }

    /** Appends an extension as given, even one already present. */
    public ClientHelloBuilder extension(int type, byte[] data) {
        extensions.add(type, data);
        return this;
    }

    /** Replaces the data of extension {@code type} in place, or appends it. */
    public ClientHelloBuilder replace(int type, byte[] data) {
        extensions.set(type, data);
        return this;
    }

    public ClientHelloBuilder without(int type) {
        extensions.remove(type);
        return this;
    }

    /** supported_versions listing exactly {@code versions}. */
    public ClientHelloBuilder supportedVersions(int... versions) {
        Bytes list = Bytes.create();
        for (int v : versions) {
            list.u16(v);
        }
        return replace(ExtensionType.SUPPORTED_VERSIONS, Bytes.create().vec8(list.toArray()).toArray());
    }

    public ClientHelloBuilder serverName(String host) {
        byte[] name = host.getBytes(StandardCharsets.US_ASCII);
        byte[] entry = Bytes.create().u8(0).vec16(name).toArray();
        return replace(ExtensionType.SERVER_NAME, Bytes.create().vec16(entry).toArray());
    }

    public ClientHelloBuilder alpn(String... protocols) {
        Bytes list = Bytes.create();
        for (String p : protocols) {
            list.vec8(p.getBytes(StandardCharsets.US_ASCII));
        }
        return replace(ExtensionType.ALPN, Bytes.create().vec16(list.toArray()).toArray());
    }

    public ClientHelloBuilder recordSizeLimit(int limit) {
        return replace(ExtensionType.RECORD_SIZE_LIMIT, Bytes.create().u16(limit).toArray());
    }

    /** The X25519 key pair behind the key_share of {@link #tls13()}. */
    public EcdheKeyPair keyShare() {
        return share;
    }

    public List<Extension> extensions() {
        return List.copyOf(extensions.list);
    }

    /** The whole handshake message: type 1, length, body. */
    public byte[] build() {
        byte[] body = Bytes.create().u16(legacyVersion).raw(random).vec8(sessionId)
                .u16List(cipherSuites).vec8(compressionMethods).raw(Extension.block(extensions.list)).toArray();
        return Wire.message(1, body);
    }

    /** A key_share extension for a ClientHello: one entry. */
    public static byte[] keyShares(int group, byte[] keyExchange) {
        byte[] entry = Bytes.create().u16(group).vec16(keyExchange).toArray();
        return Bytes.create().vec16(entry).toArray();
    }

    static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
