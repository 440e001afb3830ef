package io.reactls.jsse;

import io.reactls.crypto.CipherSuites;
import io.reactls.KeyMaterial;
import io.reactls.CipherSuite;
import io.reactls.SignatureScheme;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;

/**
 * Chooses our certificate and key for one connection: a fixed {@link KeyMaterial}, or a JSSE {@link X509KeyManager}
 * asked exactly as SunJSSE asks it (the engine variants for an {@link X509ExtendedKeyManager}, with the handshake
 * session carrying the requested server names), so JKS and multi-entry PKCS#12 key stores pick their entry as usual.
 */
abstract class KeySelector {

    /** JSSE key type names, in the order a server tries them (ECDSA first: smaller, faster handshakes). */
    static final List<String> KEY_TYPES = List.of("EC", "RSA", "RSASSA-PSS", "EdDSA");

    /** The server's key for a client that sent {@code hello}, or null when there is none it can use. */
    abstract KeyMaterial serverKey(ReactlsSSLEngine engine, ClientHelloInfo hello);

    /** The client's key for certificate authentication, or null to send none. */
    abstract KeyMaterial clientKey(ReactlsSSLEngine engine);

    static KeySelector none() {
        return fixed(null);
    }

    static KeySelector fixed(KeyMaterial key) {
        return new KeySelector() {
            @Override
            KeyMaterial serverKey(ReactlsSSLEngine engine, ClientHelloInfo hello) {
                return key;
            }

            @Override
            KeyMaterial clientKey(ReactlsSSLEngine engine) {
                return key;
            }
        };
    }

    static KeySelector of(X509KeyManager manager) {
        return new KeyManagerSelector(manager);
    }

    /**
     * The JSSE key types a server may use with a client that sent {@code hello}, given our enabled protocols and
     * suites: in TLS 1.3 any key the client has a signature scheme for; in TLS 1.2 only what a suite both sides enable
     * authenticates with (ECDHE_ECDSA: EC or EdDSA; ECDHE_RSA: RSA or RSASSA-PSS; RSA: RSA).
     */
    static List<String> keyTypesFor(ClientHelloInfo hello, List<String> protocols, List<String> suites) {
        Set<String> bySuite = new LinkedHashSet<>();
        for (CipherSuite s : hello.suites()) {
            if (!suites.contains(s.name())) {
                continue;
            }
            if (s.isTls13()) {
                if (hello.tls13() && protocols.contains("TLSv1.3")) {
                    bySuite.addAll(KEY_TYPES);
                }
            } else if (protocols.contains("TLSv1.2")) {
                switch (CipherSuites.keyExchange(s)) {
                    case ECDHE_ECDSA -> bySuite.addAll(List.of("EC", "EdDSA"));
                    case ECDHE_RSA -> bySuite.addAll(List.of("RSA", "RSASSA-PSS"));
                    case RSA -> bySuite.add("RSA");
                    default -> { }
                }
            }
        }
        if (hello.suites().isEmpty()) {
            bySuite.addAll(KEY_TYPES); // not a hello we could read: let the engine judge it
        }
        List<String> types = new ArrayList<>();
        for (String type : KEY_TYPES) {
            boolean signable = hello.schemes().isEmpty()
                    || hello.schemes().stream().anyMatch(sc -> type.equals(jsseKeyType(sc.keyType())));
            if (bySuite.contains(type) && signable) {
                types.add(type);
            }
        }
        return types;
    }

    static String jsseKeyType(SignatureScheme.KeyType type) {
        return switch (type) {
            case EC -> "EC";
            case RSA -> "RSA";
            case RSA_PSS -> "RSASSA-PSS";
            case ED25519 -> "EdDSA";
        };
    }

    private static final class KeyManagerSelector extends KeySelector {
        private final X509KeyManager manager;

        KeyManagerSelector(X509KeyManager manager) {
            this.manager = manager;
        }

        @Override
        KeyMaterial serverKey(ReactlsSSLEngine engine, ClientHelloInfo hello) {
            for (String type : keyTypesFor(hello, List.of(engine.getEnabledProtocols()),
                    List.of(engine.getEnabledCipherSuites()))) {
                String alias = manager instanceof X509ExtendedKeyManager x
                        ? x.chooseEngineServerAlias(type, null, engine)
                        : manager.chooseServerAlias(type, null, null);
                KeyMaterial key = load(alias);
                if (key != null) {
                    return key;
                }
            }
            return null;
        }

        @Override
        KeyMaterial clientKey(ReactlsSSLEngine engine) {
            String[] types = KEY_TYPES.toArray(String[]::new);
            String alias = manager instanceof X509ExtendedKeyManager x
                    ? x.chooseEngineClientAlias(types, null, engine)
                    : manager.chooseClientAlias(types, null, null);
            return load(alias);
        }

        private KeyMaterial load(String alias) {
            if (alias == null) {
                return null;
            }
            X509Certificate[] chain = manager.getCertificateChain(alias);
            PrivateKey key = manager.getPrivateKey(alias);
            if (chain == null || chain.length == 0 || key == null) {
                return null;
            }
            return new KeyMaterial(List.of(chain), key);
        }
    }
}
