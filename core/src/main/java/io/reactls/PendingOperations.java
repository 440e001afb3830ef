package io.reactls;

import io.reactls.engine.TlsEngine;
import io.reactls.handshake.TlsConfig;
import reactor.core.publisher.Mono;

/**
 * Runs an engine's {@link PendingOperation} on the hook its config names and resumes the engine with the outcome. The
 * drivers ({@link TlsConnection}, the Netty adapter) subscribe to {@link #run} and call {@link #complete} or
 * {@link TlsEngine#failPendingOperation} on the connection's own thread.
 */
public final class PendingOperations {

    private static final byte[] ACCEPTED = new byte[0];

    private PendingOperations() {
    }

    /**
     * The hook's answer: the signature, the decrypted plaintext, or an empty array for an accepted certificate. A hook
     * that throws, errors or completes empty (sign, decrypt) yields an error. Lazy: nothing runs before subscription.
     */
    public static Mono<byte[]> run(TlsConfig config, PendingOperation operation) {
        return Mono.defer(() -> {
            if (operation instanceof PendingOperation.SignRequest sign) {
                PrivateKeySigner signer = config.privateKeySigner();
                return nonNull(signer.sign(sign), "private key signer")
                        .switchIfEmpty(Mono.error(() -> new IllegalStateException("the private key signer completed empty")));
            }
            if (operation instanceof PendingOperation.RsaDecryptRequest decrypt) {
                RsaDecrypter decrypter = config.rsaDecrypter();
                return nonNull(decrypter.decrypt(decrypt), "RSA decrypter")
                        .switchIfEmpty(Mono.error(() -> new IllegalStateException("the RSA decrypter completed empty")));
            }
            AsyncCertificateVerifier verifier = config.asyncCertificateVerifier();
            return nonNull(verifier.verify((PendingOperation.CertificateCheck) operation), "certificate verifier")
                    .then(Mono.just(ACCEPTED));
        });
    }

    /** Resumes {@code engine} with what {@link #run} emitted for {@code operation}. */
    public static void complete(TlsEngine engine, PendingOperation operation, byte[] result) {
        if (operation instanceof PendingOperation.SignRequest) {
            engine.completeSignature(result);
        } else if (operation instanceof PendingOperation.RsaDecryptRequest) {
            engine.completeDecryption(result);
        } else {
            engine.completeCertificateCheck();
        }
    }

    /**
     * Resumes {@code engine} with the hook's failure; may throw the resulting {@link TlsAlertException}, as
     * {@link TlsEngine#receive} does.
     */
    public static void fail(TlsEngine engine, Throwable cause) {
        engine.failPendingOperation(cause);
    }

    private static <T> Mono<T> nonNull(Mono<T> mono, String hook) {
        return mono != null ? mono : Mono.error(new IllegalStateException("the " + hook + " returned null"));
    }
}
