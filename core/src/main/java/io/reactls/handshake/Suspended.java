package io.reactls.handshake;

import io.reactls.PendingOperation;
import io.reactls.AlertDescription;
import io.reactls.TlsAlertException;
import io.reactls.CertificateVerifier.PeerRole;
import io.reactls.KeyMaterial;
import io.reactls.crypto.RsaKeyExchange;
import io.reactls.SignatureScheme;
import io.reactls.HandshakeStep;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The handshake waits for a {@link PendingOperation}: the state that asked for it is captured in a continuation, which
 * the engine calls with the result. No message is accepted meanwhile (the engine does not deliver any). States build
 * one with {@link #sign}, {@link #decryptPreMaster} or {@link #checkChain} and return it whoever will do the work: the
 * engine completes it in place unless its driver took that kind of operation over.
 */
public final class Suspended implements HandshakeState {

    /**
     * The rest of the state that suspended, given the operation's result (for a certificate check: null, or a UTF-8
     * line on what revocation checking learned).
     */
    @FunctionalInterface
    public interface Continuation {
        HandshakeState resume(HandshakeContext ctx, byte[] result);
    }

    /** The rest of the state that suspended on a certificate check, once the chain is accepted. */
    @FunctionalInterface
    public interface Accepted {
        HandshakeState resume(HandshakeContext ctx);
    }

    private final PendingOperation operation;
    private final Continuation then;

    private Suspended(PendingOperation operation, Continuation then) {
        this.operation = operation;
        this.then = then;
    }

    /** Sign {@code content} with {@code key} under {@code scheme}; {@code withSignature} gets the signature. */
    public static Suspended sign(KeyMaterial key, SignatureScheme scheme, byte[] content, Continuation withSignature) {
        return new Suspended(new PendingOperation.SignRequest(key, scheme, content), withSignature);
    }

    /**
     * TLS 1.2 RSA key exchange: {@code withPreMaster} gets a 48-byte pre-master secret, always — the decrypted one when
     * it carries {@code clientVersion}, a random one otherwise, including when decryption failed (RFC 5246 §7.4.7.1:
     * nothing distinguishes the cases before Finished).
     */
    public static Suspended decryptPreMaster(KeyMaterial key, byte[] encrypted, int clientVersion, Continuation withPreMaster) {
        return new Suspended(new PendingOperation.RsaDecryptRequest(key, encrypted, clientVersion),
                (c, decrypted) -> withPreMaster.resume(c, RsaKeyExchange.acceptDecrypted(decrypted, clientVersion, c.config().random())));
    }

    /**
     * The peer's chain must pass the configured verifier (and any check the driver adds) before {@code then} runs.
     *
     * @param hostname the name the client meant to reach, null for client certificates
     */
    public static Suspended checkChain(List<X509Certificate> chain, String hostname, PeerRole role, Accepted then) {
        return checkChain(chain, hostname, role, null, then);
    }

    /**
     * As {@link #checkChain(List, String, PeerRole, Accepted)}, with the OCSP response the server stapled (null: none).
     * Whoever checks revocation may complete with a line saying what it learned; it becomes a step ③ event.
     */
    public static Suspended checkChain(List<X509Certificate> chain, String hostname, PeerRole role, byte[] ocspResponse,
                                       Accepted then) {
        return new Suspended(new PendingOperation.CertificateCheck(chain, hostname, role, ocspResponse), (c, note) -> {
            if (note != null && note.length > 0) {
                c.event(HandshakeStep.CERTIFICATE_VERIFIED, "revocation: " + new String(note, StandardCharsets.UTF_8));
            }
            return then.resume(c);
        });
    }

    /**
     * TLS 1.2: {@code withSession} gets the encoded session the store holds under {@code sessionId}, or null (none, or
     * the store failed: a full handshake follows, and an event says why).
     */
    public static Suspended lookupSession(byte[] sessionId, Continuation withSession) {
        return new Suspended(new PendingOperation.SessionLookup(sessionId.clone()), withSession);
    }

    /** TLS 1.2: keeps an encoded session, then {@code then} runs (also when the store failed: an event says so). */
    public static Suspended saveSession(byte[] sessionId, byte[] session, java.time.Duration lifetime, Accepted then) {
        return new Suspended(new PendingOperation.SessionSave(sessionId.clone(), session, lifetime), (c, none) -> then.resume(c));
    }

    /**
     * TLS 1.3 0-RTT: {@code withVerdict} gets a non-null result when {@code key} was new, null for a replay or when
     * the anti-replay store failed (then an event says why); early data is accepted only on non-null.
     */
    public static Suspended checkReplay(byte[] key, java.time.Duration ttl, Continuation withVerdict) {
        return new Suspended(new PendingOperation.ReplayCheck(key.clone(), ttl), withVerdict);
    }

    /** What a store operation completes with when the answer is "yes" (a new key) or "done" (saved). */
    public static final byte[] STORE_OK = new byte[0];

    public PendingOperation operation() {
        return operation;
    }

    /** The operation succeeded with {@code result}. */
    public HandshakeState resume(HandshakeContext ctx, byte[] result) {
        return then.resume(ctx, result);
    }

    /**
     * The operation failed. A signature is an internal_error; a certificate check rejects with the alert the failure
     * names; an RSA decryption continues with no plaintext, which becomes a random pre-master secret
     * (RFC 5246 §7.4.7.1): the peer learns of it only at Finished, as for any wrong pre-master secret.
     */
    public HandshakeState fail(HandshakeContext ctx, Throwable cause) {
        if (operation instanceof PendingOperation.RsaDecryptRequest) {
            return then.resume(ctx, null);
        }
        if (operation instanceof PendingOperation.SessionLookup || operation instanceof PendingOperation.SessionSave) {
            // A shared store that is down costs resumption, never the connection.
            ctx.event(io.reactls.HandshakeStep.CLIENT_HELLO, "session store unavailable, so no session-ID resumption: " + cause);
            return then.resume(ctx, null);
        }
        if (operation instanceof PendingOperation.ReplayCheck) {
            ctx.event(io.reactls.HandshakeStep.CLIENT_HELLO, "anti-replay store unavailable, so 0-RTT data is refused: " + cause);
            return then.resume(ctx, null);
        }
        if (operation instanceof PendingOperation.SignRequest s) {
            throw TlsAlertException.internalError("the private key signer failed (" + s.scheme().rfcName() + "): " + cause, cause);
        }
        if (cause instanceof TlsAlertException alert && alert.origin() == TlsAlertException.Origin.LOCAL) {
            throw alert; // e.g. a CertificateVerificationException with its reason's alert
        }
        PendingOperation.CertificateCheck c = (PendingOperation.CertificateCheck) operation;
        throw new TlsAlertException(AlertDescription.BAD_CERTIFICATE, (c.role() == PeerRole.SERVER ? "server" : "client")
                + " certificate rejected by the certificate verifier: " + cause, cause);
    }

    @Override
    public String describe() {
        return "waiting for " + operation.getClass().getSimpleName();
    }
}
