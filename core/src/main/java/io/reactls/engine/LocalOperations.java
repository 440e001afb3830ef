package io.reactls.engine;

import io.reactls.TlsAlertException;
import io.reactls.KeyMaterial;
import io.reactls.crypto.RsaKeyExchange;
import io.reactls.PendingOperation;
import io.reactls.PendingOperation.CertificateCheck;
import io.reactls.PendingOperation.RsaDecryptRequest;
import io.reactls.PendingOperation.SignRequest;
import io.reactls.StrikeRegister;
import io.reactls.handshake.ResumableSession;
import io.reactls.handshake.SessionIdCache;
import io.reactls.handshake.Suspended;
import io.reactls.handshake.TlsConfig;
import java.security.GeneralSecurityException;
import io.reactls.CertificateVerifier.PeerRole;
import io.reactls.RevocationPolicy;
import io.reactls.cert.RevocationVerdicts;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * How the engine does a {@link PendingOperation} itself, on the calling thread: with the private key of the config's
 * key material and its certificate verifier. The one place each of these steps is written.
 */
final class LocalOperations {

    private LocalOperations() {
    }

    /**
     * The configured verifier's verdict on a peer chain. It runs for every chain, before any check a driver adds
     * (which may only narrow what it accepted).
     */
    static byte[] verify(TlsConfig config, CertificateCheck check, Instant now, boolean checkRevocation) {
        config.verifier().verify(check.chain(), check.hostname(), now, check.role());
        if (!checkRevocation || check.role() != PeerRole.SERVER || config.revocationPolicy() == RevocationPolicy.OFF) {
            return null;
        }
        return checkStapleOnly(config, check, now).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Revocation with nothing but the staple: a driver without a revocation checker cannot fetch (no network here),
     * so a certificate the staple does not settle has an unknown status, which the policy decides.
     */
    private static String checkStapleOnly(TlsConfig config, CertificateCheck check, Instant now) {
        X509Certificate issuer = RevocationVerdicts.issuer(check.chain(), config.trustAnchors());
        String line = RevocationVerdicts.fromStaple(check.chain(), issuer, check.ocspResponse(), now);
        return line != null ? line : RevocationVerdicts.unavailable(config.revocationPolicy(), check.chain().get(0),
                check.ocspResponse() == null ? "no OCSP staple, and this connection cannot fetch one"
                        : "the OCSP staple does not know the certificate");
    }

    /**
     * The result a driver would complete {@code operation} with: the signature, the RSA plaintext, null for a
     * certificate check (which {@link #verify} has already done); for the stores, the config's in-memory ones answer.
     */
    static byte[] perform(TlsConfig config, PendingOperation operation) {
        if (operation instanceof SignRequest s) {
            return sign(config, s);
        }
        if (operation instanceof RsaDecryptRequest r) {
            return decrypt(config, r);
        }
        if (operation instanceof PendingOperation.SessionLookup lookup) {
            ResumableSession s = config.sessionIdCache() == null ? null
                    : config.sessionIdCache().get(SessionIdCache.idKey(lookup.sessionId()), config.clock().instant());
            return s == null ? null : s.encode();
        }
        if (operation instanceof PendingOperation.SessionSave save) {
            ResumableSession s = ResumableSession.decode(save.sessionId(), save.session());
            if (config.sessionIdCache() != null && s != null) {
                config.sessionIdCache().put(SessionIdCache.idKey(save.sessionId()), s);
            }
            return Suspended.STORE_OK;
        }
        if (operation instanceof PendingOperation.ReplayCheck check) {
            StrikeRegister register = config.strikeRegister();
            return register != null && register.firstUse(check.key(), check.ttl(), config.clock().instant()) ? Suspended.STORE_OK : null;
        }
        return null;
    }

    private static byte[] sign(TlsConfig config, SignRequest request) {
        KeyMaterial key = local(request.key(), "sign with");
        try {
            return request.scheme().sign(key.privateKey(), request.content(), config.random(),
                    config.crypto().signatureProvider(request.scheme()));
        } catch (GeneralSecurityException e) {
            throw TlsAlertException.internalError("cannot sign with " + request.scheme().rfcName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * RFC 5246 §7.4.7.1 in constant time where the key allows it: always 48 bytes, the real secret or random ones
     * (the suspended state applies the same check again to whatever it receives, which changes nothing here).
     */
    private static byte[] decrypt(TlsConfig config, RsaDecryptRequest request) {
        KeyMaterial key = local(request.key(), "decrypt with");
        return RsaKeyExchange.decrypt(key.privateKey(), request.encryptedPreMaster(), request.clientVersion(), config.random());
    }

    private static KeyMaterial local(KeyMaterial key, String what) {
        if (!key.isLocal()) {
            throw TlsAlertException.internalError("no private key here to " + what + " for " + key.leaf().getSubjectX500Principal()
                    + ", and the driver does not hand this operation out", null);
        }
        return key;
    }
}
