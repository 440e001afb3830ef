/**
 * One TLS connection as Reactor streams over any byte transport: {@link io.reactls.connection.TlsConnection} takes
 * the transport's inbound ciphertext and gives the ciphertext to write, the handshake's outcome and events, and the
 * peer's plaintext. It speaks the vocabulary of {@code io.reactls} (configurations, session, events, hooks, alerts)
 * and runs the engine through the same driver as the Netty handler of {@code io.reactls.netty}; the vocabulary knows
 * nothing of it, so that no import runs back up from {@code io.reactls}.
 */
package io.reactls.connection;
