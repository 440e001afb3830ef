package io.reactls.handshake;

import io.reactls.PendingOperation;
import io.reactls.AlertDescription;
import io.reactls.TlsAlertException;
import io.reactls.CertificateVerifier.PeerRole;

/**
 * The handshake waits for a {@link PendingOperation}: the state that asked for it is captured in a continuation, which
 * the engine calls with the result. No message is accepted meanwhile (the engine does not deliver any).
 */
public final class Suspended implements HandshakeState {

    /** The rest of the state that suspended, given the operation's result (null for a certificate check). */
    @FunctionalInterface
    public interface Continuation {
        HandshakeState resume(HandshakeContext ctx, byte[] result);
    }

    private final PendingOperation operation;
    private final Continuation then;

    public Suspended(PendingOperation operation, Continuation then) {
        this.operation = operation;
        this.then = then;
    }

    public PendingOperation operation() {
        return operation;
    }

    /** The operation succeeded with {@code result}. */
    public HandshakeState resume(HandshakeContext ctx, byte[] result) {
        return then.resume(ctx, result);
    }

    /**
     * The operation failed. A signature is an internal_error; a certificate check rejects with the alert the failure
     * names; an RSA decryption continues with no plaintext, which the state turns into a random pre-master secret
     * (RFC 5246 §7.4.7.1): the peer learns of it only at Finished, as for any wrong pre-master secret.
     */
    public HandshakeState fail(HandshakeContext ctx, Throwable cause) {
        if (operation instanceof PendingOperation.RsaDecryptRequest) {
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
