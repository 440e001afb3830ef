package io.reactls;

/**
 * Where a server finds the OCSP response it staples to its certificate (RFC 6066 §8 in TLS 1.2, RFC 8446 §4.4.2.1 in
 * TLS 1.3). It is asked during the handshake, on the connection's thread, so it answers from what it already holds
 * and never waits: a source that fetches responses does so in the background (see {@code io.reactls.server.OcspStapler}).
 */
public interface OcspStapleSource {

    /**
     * The DER OCSPResponse to staple for {@code served}, or null to staple nothing. Never blocks, and never returns a
     * response past its nextUpdate.
     *
     * @param served the key material this handshake serves (after any certificate resolver chose it)
     * @return the response, or null
     */
    byte[] staple(KeyMaterial served);

    /**
     * Starts getting a response for {@code keyMaterial} ahead of the first handshake; does nothing by default.
     *
     * @param keyMaterial key material the server will serve
     */
    default void prefetch(KeyMaterial keyMaterial) {
    }
}
