package io.reactls.handshake;

/**
 * When a TLS 1.3 server lists its supported_groups in EncryptedExtensions (RFC 8446 §4.2.7): the list tells a client
 * which key share to send next time, to spare a HelloRetryRequest or to move it to a group we prefer. Clients may
 * only remember it, never act on it in the same handshake, so every choice is interop-safe.
 */
public enum GroupsInEncryptedExtensions {
    /** Never send the list. */
    NEVER,
    /** Only when the client's key share is not our most preferred group: the list is news only then (OpenSSL's rule). */
    WHEN_NOT_PREFERRED,
    /** In every full and resumed handshake, as NSS does and as the RFC 8448 traces show. */
    ALWAYS
}
