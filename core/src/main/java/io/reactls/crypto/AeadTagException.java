package io.reactls.crypto;

/** An AEAD tag did not verify: the record was forged, corrupted or decrypted with the wrong key. */
public final class AeadTagException extends java.security.GeneralSecurityException {
    private static final long serialVersionUID = 1L;

    public AeadTagException(String message) {
        super(message);
    }

    public AeadTagException(String message, Throwable cause) {
        super(message, cause);
    }
}
