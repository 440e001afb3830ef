package io.reactls.handshake;

/**
 * Keying material exporter of a completed handshake (RFC 5705 for TLS 1.2, RFC 8446 §7.5 for TLS 1.3). Holds the
 * secret it needs, so the engine keeps this instead of the master secret itself.
 */
@FunctionalInterface
public interface KeyingMaterialExporter {

    /**
     * @param context null for "no context"; TLS 1.3 treats it like an empty context, TLS 1.2 does not
     */
    byte[] export(String label, byte[] context, int length);
}
