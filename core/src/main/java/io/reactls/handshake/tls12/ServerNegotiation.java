package io.reactls.handshake.tls12;

import io.reactls.crypto.CipherSuites;
import io.reactls.AlertDescription;
import io.reactls.TlsAlertException;
import io.reactls.CipherSuite;
import io.reactls.crypto.KeyExchangeAlgorithm;
import io.reactls.NamedGroup;
import io.reactls.SignatureScheme;
import io.reactls.handshake.TlsConfig;
import io.reactls.KeyMaterial;
import java.security.PublicKey;
import java.util.List;

/** The server's choices from a ClientHello, in its own preference order. */
public final class ServerNegotiation {

    private ServerNegotiation() {
    }

    /**
     * A suite both sides enable that our certificate key can serve (and, for ECDHE, with a common group);
     * {@code rsaDecrypts}: whether an RSA key exchange can be decrypted (a remote key without a decrypter serves ECDHE only).
     */
    static CipherSuite chooseSuite(TlsConfig cfg, List<Integer> offered, KeyMaterial km, NamedGroup group, boolean rsaDecrypts) {
        PublicKey key = km.publicKey();
        SignatureScheme.KeyType type = SignatureScheme.keyTypeOf(key);
        for (CipherSuite s : cfg.cipherSuites()) {
            if (s.isTls13() || !offered.contains(s.id())) {
                continue;
            }
            if (keyFits(type, CipherSuites.keyExchange(s)) && (CipherSuites.keyExchange(s).isEcdhe() ? group != null : rsaDecrypts)) {
                return s;
            }
        }
        throw new TlsAlertException(AlertDescription.HANDSHAKE_FAILURE,
                "no cipher suite in common that our " + key.getAlgorithm() + " certificate can serve");
    }

    /**
     * Whether a certificate key of {@code type} can serve a TLS 1.2 key exchange. ECDHE_RSA only needs an RSA
     * signature, which an RSASSA-PSS key makes (rsa_pss_pss_*, RFC 8446 §4.2.3); RSA key exchange encrypts to the
     * key, which only an rsaEncryption key may do.
     */
    static boolean keyFits(SignatureScheme.KeyType type, KeyExchangeAlgorithm kx) {
        return switch (kx) {
            case ECDHE_ECDSA -> type == SignatureScheme.KeyType.EC || type == SignatureScheme.KeyType.ED25519;
            case ECDHE_RSA -> type == SignatureScheme.KeyType.RSA || type == SignatureScheme.KeyType.RSA_PSS;
            case RSA -> type == SignatureScheme.KeyType.RSA;
            case TLS13 -> false;
        };
    }

    /** Our first group the client supports; RFC 8422 §4 lets a client that sends none accept any. */
    static NamedGroup chooseGroup(TlsConfig cfg, List<Integer> clientGroups) {
        for (NamedGroup g : cfg.groups()) {
            if (g.isEcdheCurve() && (clientGroups == null || clientGroups.contains(g.id()))) {
                return g;
            }
        }
        return null;
    }
}
