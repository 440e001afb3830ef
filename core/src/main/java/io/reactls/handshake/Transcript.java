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

    public byte[] hash(HashAlgorithm hash) {
        return hash.newDigest().digest(messages.toByteArray());
    }
}
