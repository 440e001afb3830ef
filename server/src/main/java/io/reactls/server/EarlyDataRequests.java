package io.reactls.server;

/**
 * Which HTTP requests an {@link HttpsServer} serves when their bytes arrived, wholly or in part, as TLS 1.3 0-RTT
 * data ({@code TlsServerConfig.Builder.maxEarlyData}). Such bytes may be a replay (RFC 8446 §8): an attacker who
 * captured them can send them again, to this server or another one of the fleet.
 */
public enum EarlyDataRequests {
    /**
     * The default: GET, HEAD, OPTIONS and TRACE (the safe methods of RFC 9110 §9.2.1) reach the routes; any other
     * method is answered {@code 425 Too Early} (RFC 8470 §5.2), which tells the client to send it again once the
     * handshake has completed. PUT and DELETE are idempotent (RFC 9110 §9.2.2) but not harmless to repeat: a replay
     * of an early PUT can undo a later write, so RFC 8470 §3 leaves them to the server and this default refuses them.
     */
    SAFE_METHODS,
    /** Every request reaches the routes; the application decides, e.g. from {@code TlsSession.earlyData()}. */
    ALL
}
