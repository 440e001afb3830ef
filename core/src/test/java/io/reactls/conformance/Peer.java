package io.reactls.conformance;

import io.reactls.TlsAlertException;
import java.time.Duration;

/** The implementation under test, seen from the script: bytes go in as one transport write, bytes come out. */
public interface Peer extends AutoCloseable {

    /** Delivers {@code bytes} in one write (one TCP segment's worth, or one {@code receive} call). */
    void write(byte[] bytes);

    /** What the peer sent since the last read; waits up to {@code timeout} for the first byte, empty if none came. */
    byte[] read(Duration timeout);

    /** The peer will send nothing more (it closed the connection, or failed). */
    boolean isClosed();

    /** In memory: the failure the engine reported to its user, if any; null over a socket, where we cannot see it. */
    default TlsAlertException localFailure() {
        return null;
    }

    @Override
    void close();
}
