package io.reactls.crypto;

/**
 * One direction's AEAD key (RFC 5116). Works on heap arrays: SunJCE's AES-GCM is several times faster on
 * {@code byte[]} than on direct buffers, so the record layer hands arrays here.
 * Implementations are not thread-safe; a record protection owns one.
 */
public interface Aead {

    AeadAlgorithm algorithm();

    /**
     * Encrypts {@code in[inOff, inOff+len)} and writes ciphertext followed by the 16-byte tag to {@code out} at
     * {@code outOff}. In-place (same array, same offset) is allowed.
     *
     * @return bytes written, {@code len + 16}
     */
    int seal(byte[] nonce, byte[] aad, byte[] in, int inOff, int len, byte[] out, int outOff);

    /**
     * Verifies and decrypts {@code in[inOff, inOff+len)} (ciphertext followed by tag). Nothing is written to
     * {@code out} that the caller may treat as plaintext unless this returns normally.
     *
     * @return plaintext bytes written, {@code len - 16}
     * @throws AeadTagException when the tag does not verify (or len is shorter than the tag)
     */
    int open(byte[] nonce, byte[] aad, byte[] in, int inOff, int len, byte[] out, int outOff) throws AeadTagException;
}
