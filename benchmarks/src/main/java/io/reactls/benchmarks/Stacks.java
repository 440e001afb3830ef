package io.reactls.benchmarks;

import io.reactls.CipherSuite;
import io.reactls.NamedGroup;
import java.util.List;

/**
 * The implementations measured, by the names the {@code stack} parameters take, and which combinations each can
 * run. A combination a stack cannot do is skipped by {@code reactls bench} with the reason given here (and fails in
 * the benchmark's setup with the same reason when forced through the JMH jar). Adding a stack: a name here, a case
 * in {@link TlsPeers#create} (TLS), {@link CipherBenchmark} (cipher) or {@link HttpContexts} (HTTP), and its limits
 * below.
 */
public final class Stacks {

    public static final String REACTLS = "reactls";
    public static final String JDK = "jdk";
    public static final String BCJSSE = "bcjsse";
    public static final String BORINGSSL = "boringssl";
    /**
     * reactls's {@code SSLEngine} (the JSSE provider; what Netty's {@code SslHandler} runs with the reactls
     * {@code SslContext}): the same engine as {@link #REACTLS} behind the JSSE API, to price that door. Not in the
     * default lists; ask for it with {@code -p stack=reactls-sslengine}.
     */
    public static final String REACTLS_SSLENGINE = "reactls-sslengine";
    /**
     * reactls with the optional native crypto backend (Amazon Corretto Crypto Provider) for the primitives where it
     * measured fastest; {@link #REACTLS} is the pure-Java default (the backend switched off in its config).
     */
    public static final String REACTLS_NATIVE = "reactls-native";
    /** Stacks of the record and handshake benchmarks: whole TLS implementations. */
    public static final List<String> TLS = List.of(REACTLS, REACTLS_NATIVE, JDK, BCJSSE, BORINGSSL);

    /**
     * Netty's {@code SslProvider.OPENSSL} {@code SslContext}: in this module the OpenSSL API is BoringSSL from
     * netty-tcnative-boringssl-static, the same library as {@link #BORINGSSL}, named as reactor-netty users pick it.
     */
    public static final String OPENSSL = "openssl";
    /** Stacks of the HTTP benchmark: the {@code SslContext} reactor-netty's {@code secure()} is given. */
    public static final List<String> HTTP = List.of(REACTLS, JDK, OPENSSL);

    public static final String REACTLS_JCE = "reactls-jce";
    public static final String REACTLS_BC = "reactls-bc";
    public static final String RAW_JCE = "jce";
    /** Stacks of the cipher benchmark: reactls' record protection on each crypto backend, and a bare JCE Cipher. */
    public static final List<String> CIPHER = List.of(REACTLS_JCE, REACTLS_BC, RAW_JCE);

    private Stacks() {
    }

    /** What a report calls a stack. */
    public static String label(String stack) {
        return switch (stack) {
            case REACTLS -> "reactls";
            case REACTLS_NATIVE -> "reactls + ACCP";
            case JDK -> "JDK SSLEngine";
            case REACTLS_SSLENGINE -> "reactls SSLEngine";
            case BCJSSE -> "BCJSSE";
            case BORINGSSL -> "BoringSSL (Netty)";
            case OPENSSL -> "Netty OpenSSL (BoringSSL)";
            case REACTLS_JCE -> "reactls + SunJCE";
            case REACTLS_BC -> "reactls + Bouncy Castle";
            case RAW_JCE -> "raw JCE Cipher";
            default -> stack;
        };
    }

    /** Null when {@code stack} can seal and open records of {@code suite} in the cipher benchmark, else why not. */
    public static String cipherUnsupported(String stack, CipherSuite suite) {
        if (suite.isCbc() && stack.equals(REACTLS_BC)) {
            return "reactls' CBC-HMAC record protection runs on the JCE only";
        }
        return null;
    }

    /** Null when {@code stack} can negotiate {@code suite} for the record benchmark, else why not. */
    public static String recordUnsupported(String stack, CipherSuite suite) {
        if (stack.equals(REACTLS_NATIVE) && nativeMissing() != null) {
            return nativeMissing();
        }
        if (stack.equals(BORINGSSL) && suite.isTls13() && suite != CipherSuite.TLS_AES_128_GCM_SHA256) {
            return "BoringSSL does not let TLS 1.3 suites be configured (it picks AES-128-GCM on AES-NI machines)";
        }
        return null;
    }

    /** Null when {@code stack} can do handshake {@code kind}, else why not. */
    public static String handshakeUnsupported(String stack, HandshakeKind kind) {
        if (stack.equals(REACTLS_NATIVE) && nativeMissing() != null) {
            return nativeMissing();
        }
        if (kind.shape().group() == NamedGroup.X25519MLKEM768 && stack.equals(JDK)) {
            return "the JDK's TLS has no X25519MLKEM768 (JDK 17 and 25)";
        }
        return null;
    }

    /** Null when the native backend loads and passes its self-tests here, else why not. */
    static String nativeMissing() {
        return io.reactls.crypto.NativeCrypto.provider().isPresent() ? null
                : "Amazon Corretto Crypto Provider is not on the class path, did not load, or is switched off";
    }
}
