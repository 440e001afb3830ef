package io.reactls.internal;

import io.reactls.AsyncCertificateVerifier;
import io.reactls.CertificateVerifier;
import io.reactls.HandshakeHooks;
import io.reactls.PendingOperation;
import io.reactls.PrivateKeySigner;
import io.reactls.RevocationChecker;
import io.reactls.RsaDecrypter;
import io.reactls.TlsAlertException;
import io.reactls.engine.TlsEngine;
import java.nio.charset.StandardCharsets;
import reactor.core.publisher.Mono;

/**
 * Runs an engine's {@link PendingOperation} on the {@link HandshakeHooks} hook for it and resumes the engine with the
 * outcome. The drivers ({@link io.reactls.connection.TlsConnection}, the Netty adapter) hand the engine the kinds their hooks cover
 * ({@link #handOut}), subscribe to {@link #run} and call {@link #complete} or {@link TlsEngine#failPendingOperation}
 * on the connection's own thread.
 */
public final class PendingOperations {

    private static final byte[] ACCEPTED = new byte[0];
    /** A store's answers, as {@link #run} emits them: no session, a new key, a key seen before. */
    private static final byte[] ABSENT = new byte[0];
    private static final byte[] FIRST_USE = {1};
    private static final byte[] SEEN = {0};

    private PendingOperations() {
    }

    /**
     * The hook's answer: the signature, the decrypted plaintext, for an accepted certificate what revocation
     * checking learned (UTF-8, empty when nothing was checked), or a store's answer (bounded by
     * {@link HandshakeHooks#storeTimeout()}). A hook that throws, errors or completes empty (sign, decrypt,
     * anti-replay) yields an error. Lazy: nothing runs before subscription.
     *
     * @param hooks the hooks that answer
     * @param operation what the engine waits for
     * @return the hook's answer
     */
    public static Mono<byte[]> run(HandshakeHooks hooks, PendingOperation operation) {
        return Mono.defer(() -> {
            if (operation instanceof PendingOperation.SignRequest sign) {
                PrivateKeySigner signer = hooks.privateKeySigner();
                return nonNull(signer.sign(sign), "private key signer")
                        .switchIfEmpty(Mono.error(() -> new IllegalStateException("the private key signer completed empty")));
            }
            if (operation instanceof PendingOperation.RsaDecryptRequest decrypt) {
                RsaDecrypter decrypter = hooks.rsaDecrypter();
                return nonNull(decrypter.decrypt(decrypt), "RSA decrypter")
                        .switchIfEmpty(Mono.error(() -> new IllegalStateException("the RSA decrypter completed empty")));
            }
            if (operation instanceof PendingOperation.SessionLookup lookup) {
                return nonNull(hooks.sessionIdStore().get(lookup.sessionId()), "session store")
                        .timeout(hooks.storeTimeout()).defaultIfEmpty(ABSENT);
            }
            if (operation instanceof PendingOperation.SessionSave save) {
                return nonNull(hooks.sessionIdStore().put(save.sessionId(), save.session(), save.lifetime()), "session store")
                        .timeout(hooks.storeTimeout()).then(Mono.just(ACCEPTED));
            }
            if (operation instanceof PendingOperation.ReplayCheck check) {
                return nonNull(hooks.antiReplayStore().firstUse(check.key(), check.ttl()), "anti-replay store")
                        .timeout(hooks.storeTimeout())
                        .switchIfEmpty(Mono.error(() -> new IllegalStateException("the anti-replay store completed empty")))
                        .map(first -> first ? FIRST_USE : SEEN);
            }
            PendingOperation.CertificateCheck check = (PendingOperation.CertificateCheck) operation;
            RevocationChecker revocation = hooks.revocationChecker();
            Mono<byte[]> revocationNote = revocation == null || check.role() != CertificateVerifier.PeerRole.SERVER
                    ? Mono.just(ACCEPTED)
                    : nonNull(revocation.check(check), "revocation checker")
                            .map(note -> note.getBytes(StandardCharsets.UTF_8)).defaultIfEmpty(ACCEPTED);
            AsyncCertificateVerifier verifier = hooks.certificateVerifier();
            return verifier == null ? revocationNote : revocationNote.flatMap(note ->
                    nonNull(verifier.verify(check), "certificate verifier").then(Mono.just(note)));
        });
    }

    /**
     * Tells a new engine to hand out the operations {@code hooks} do, before its handshake starts; the engine does
     * the rest in place.
     *
     * @param engine a new engine
     * @param hooks the hooks its driver runs
     * @return {@code engine}
     * @throws IllegalArgumentException when the engine's key has no private part here and no hook signs for it
     */
    public static TlsEngine handOut(TlsEngine engine, HandshakeHooks hooks) {
        hooks.checkCanServe(engine.config().keyMaterial());
        return engine.handOut(hooks.handedOut()).revocationCheckedByDriver(hooks.revocationChecker() != null);
    }

    /**
     * Resumes {@code engine} with what {@link #run} emitted for {@code operation}.
     *
     * @param engine the engine waiting for {@code operation}
     * @param operation what it waits for
     * @param result what {@link #run} emitted
     */
    public static void complete(TlsEngine engine, PendingOperation operation, byte[] result) {
        if (operation instanceof PendingOperation.SignRequest) {
            engine.completeSignature(result);
        } else if (operation instanceof PendingOperation.RsaDecryptRequest) {
            engine.completeDecryption(result);
        } else if (operation instanceof PendingOperation.SessionLookup) {
            engine.completeSessionLookup(result.length == 0 ? null : result);
        } else if (operation instanceof PendingOperation.SessionSave) {
            engine.completeSessionSave();
        } else if (operation instanceof PendingOperation.ReplayCheck) {
            engine.completeReplayCheck(result.length == 1 && result[0] == 1);
        } else {
            engine.completeCertificateCheck(result == null || result.length == 0 ? null
                    : new String(result, StandardCharsets.UTF_8));
        }
    }

    /**
     * Resumes {@code engine} with the hook's failure; may throw the resulting {@link TlsAlertException}, as
     * {@link TlsEngine#receive} does.
     *
     * @param engine the engine waiting for a pending operation
     * @param cause the hook's failure
     */
    public static void fail(TlsEngine engine, Throwable cause) {
        engine.failPendingOperation(cause);
    }

    private static <T> Mono<T> nonNull(Mono<T> mono, String hook) {
        return mono != null ? mono : Mono.error(new IllegalStateException("the " + hook + " returned null"));
    }
}
