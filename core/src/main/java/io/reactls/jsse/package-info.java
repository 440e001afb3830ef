/**
 * reactls through the JVM's standard TLS doors: {@link io.reactls.jsse.ReactlsSSLEngine} (a {@code javax.net.ssl.SSLEngine}
 * over the sans-IO {@link io.reactls.engine.TlsEngine}) and {@link io.reactls.jsse.ReactlsProvider} (a JSSE provider
 * with {@code SSLContext}s, blocking sockets and their factories). Key managers and trust managers are the standard
 * JSSE ones; reactls's own key material and trust anchors work through a factory method.
 */
package io.reactls.jsse;
