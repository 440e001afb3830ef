package io.reactls.jsse;

/** Makes the engine for a socket: the peer's host (null when unknown) and port (-1). */
@FunctionalInterface
interface EngineFactory {
    ReactlsSSLEngine create(String host, int port);
}
