package io.reactls.jsse;

import io.reactls.CertificateVerifier;
import io.reactls.KeyMaterial;
import io.reactls.cert.PkixCertificateVerifier;
import io.reactls.TrustAnchors;
import io.reactls.TicketKeys;
import io.reactls.handshake.resumption.TicketSealer;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509KeyManager;
import javax.net.ssl.X509TrustManager;

/**
 * What every engine of one {@code SSLContext} shares: how our key is chosen, how the peer is verified, the randomness,
 * the server's ticket keys and the session contexts. Built once by {@code SSLContext.init} (or a factory method).
 */
final class EngineSettings {

    final KeySelector keys;
    final PeerVerifier trust;
    final SecureRandom random;
    /** One per context: every engine it makes opens the others' tickets, and the keys are derived once. */
    final TicketSealer ticketSealer;
    /** reactls's asynchronous hooks (null: none); a delegated task waits for their Mono. */
    final io.reactls.PrivateKeySigner signer;
    final io.reactls.RsaDecrypter decrypter;
    final io.reactls.AsyncCertificateVerifier certificateCheck;
    final ReactlsSessionContext clientSessions = new ReactlsSessionContext();
    final ReactlsSessionContext serverSessions = new ReactlsSessionContext();
    /**
     * The crypto backends, resolved here on {@code SSLContext.init}'s thread: the native backend's first use loads a
     * library (file I/O), which must not happen on an event loop when an engine is made or runs a delegated task.
     */
    final io.reactls.crypto.CryptoProviders crypto = io.reactls.crypto.CryptoProviders.defaults();

    private EngineSettings(KeySelector keys, PeerVerifier trust, SecureRandom random) {
        this(keys, trust, random, null, null, null);
    }

    private EngineSettings(KeySelector keys, PeerVerifier trust, SecureRandom random, io.reactls.PrivateKeySigner signer,
                           io.reactls.RsaDecrypter decrypter, io.reactls.AsyncCertificateVerifier certificateCheck) {
        this.signer = signer;
        this.decrypter = decrypter;
        this.certificateCheck = certificateCheck;
        this.keys = keys;
        this.trust = trust;
        this.random = random != null ? random : seededDrbg();
        this.ticketSealer = new TicketSealer(TicketKeys.random(seededDrbg()));
    }

    /**
     * As {@code SSLContext.init}: the first X.509 key manager and trust manager are used; no key managers means no
     * certificate of our own, no trust managers means the JDK's default trust store.
     */
    static EngineSettings of(KeyManager[] keyManagers, TrustManager[] trustManagers, SecureRandom random) {
        KeySelector keys = KeySelector.none();
        if (keyManagers != null) {
            for (KeyManager km : keyManagers) {
                if (km instanceof X509KeyManager x) {
                    keys = KeySelector.of(x);
                    break;
                }
            }
        }
        X509TrustManager tm = null;
        for (TrustManager t : trustManagers != null ? trustManagers : defaultTrustManagers()) {
            if (t instanceof X509TrustManager x) {
                tm = x;
                break;
            }
        }
        return new EngineSettings(keys, tm != null ? PeerVerifier.of(tm) : PeerVerifier.none(), random);
    }

    /** Our own key material (null: none) and trust anchors (null: the JDK's default ones, through our verifier). */
    static EngineSettings of(KeyMaterial key, TrustAnchors anchors) {
        CertificateVerifier verifier = new PkixCertificateVerifier(anchors != null ? anchors : TrustAnchors.jdkDefault());
        return new EngineSettings(KeySelector.fixed(key), PeerVerifier.of(verifier), null);
    }

    /** The same settings with reactls's asynchronous hooks (each may be null). */
    EngineSettings withHooks(io.reactls.PrivateKeySigner signer, io.reactls.RsaDecrypter decrypter,
                             io.reactls.AsyncCertificateVerifier certificateCheck) {
        return new EngineSettings(keys, trust, random, signer, decrypter, certificateCheck);
    }

    private static TrustManager[] defaultTrustManagers() {
        try {
            TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            f.init((KeyStore) null);
            return f.getTrustManagers();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the JDK's default trust managers: " + e, e);
        }
    }

    /** Seeded here, on the caller's thread: the platform default reads /dev/urandom on every call. */
    private static SecureRandom seededDrbg() {
        try {
            SecureRandom r = SecureRandom.getInstance("DRBG");
            r.nextBytes(new byte[1]);
            return r;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks the DRBG SecureRandom", e);
        }
    }
}
