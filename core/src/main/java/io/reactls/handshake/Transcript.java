package io.reactls.handshake;

import io.reactls.crypto.HashAlgorithm;
import java.io.ByteArrayOutputStream;

/**
 * The handshake messages so far, in order. TLS 1.2 handshakes are a few kilobytes, so the raw bytes are kept:
 * the hash is not known until ServerHello, and the client's CertificateVerify signs the messages themselves.
 */
public final class Transcript {

    private final ByteArrayOutputStream messages = new ByteArrayOutputStream();

    public void add(byte[] encodedMessage) {
        messages.write(encodedMessage, 0, encodedMessage.length);
    }

    public byte[] bytes() {
        return messages.toByteArray();
    }

    /**
     * After a HelloRetryRequest (RFC 8446 §4.4.1) the first ClientHello is replaced by
     * {@code message_hash(254) || 00 00 Hash.length || Hash(ClientHello1)}.
     */
    public void replaceWithMessageHash(HashAlgorithm hash) {
        byte[] digest = hash(hash);
        messages.reset();
        messages.write(HandshakeType.MESSAGE_HASH.code());
        messages.write(0);
        messages.write(0);
        messages.write(digest.length);
        messages.write(digest, 0, digest.length);
    }

    public byte[] hash(HashAlgorithm hash) {
        return hash.newDigest().digest(messages.toByteArray());
    }
}
