package io.reactls.netty;

import javax.net.ssl.SSLHandshakeException;

/**
 * How a server's failed handshake reaches {@code exceptionCaught}: an {@link SSLHandshakeException}, an IOException as
 * Netty's {@code SslHandler} reports it, whose cause is the failure itself (a {@link io.reactls.TlsAlertException},
 * {@link TlsHandshakeTimeoutException} or {@link io.reactls.TlsClosedException}). reactor-netty's server hands an
 * exception raised before a connection is served to its connection observer, which logs an IOException at DEBUG and
 * anything else at ERROR with a stack trace ({@code ServerTransport.ChildObserver.onUncaughtException}), then disposes
 * the connection: a client that cannot complete a handshake is its own problem, not the server's. Clients are told
 * the failure unwrapped ({@code TlsClient.connect()} errors with it).
 */
public final class TlsHandshakeFailedException extends SSLHandshakeException {

    private static final long serialVersionUID = 1L;

    /**
     * A failed handshake, as reactor-netty and Netty code expect it.
     *
     * @param cause the failure: usually a {@link io.reactls.TlsAlertException}
     */
    public TlsHandshakeFailedException(Throwable cause) {
        super("TLS handshake failed: " + cause.getMessage());
        initCause(cause);
    }
}
