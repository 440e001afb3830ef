package io.reactls.netty;

/**
 * Fired down the pipeline by {@link TlsHandler} when the peer's side of an established TLS connection ends: with
 * its close_notify ({@link #CLOSE_NOTIFY}), or with the transport closing without one ({@link #TRUNCATED}: the
 * data received may be incomplete unless the application protocol frames it).
 */
public enum TlsCloseEvent {
    /** The peer sent close_notify: everything it sent arrived. */
    CLOSE_NOTIFY,
    /** The transport closed without close_notify. */
    TRUNCATED
}
