package io.reactls.jsse;

import java.util.Collections;
import java.util.Enumeration;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;

/**
 * The session context of a reactls {@code SSLContext}. reactls keeps its resumption state (tickets, session ids) in
 * the engine's own caches, not as JSSE sessions, so this context lists no sessions; the timeout and size are kept
 * for the callers that set and read them.
 */
final class ReactlsSessionContext implements SSLSessionContext {

    private volatile int timeout = 86_400;
    private volatile int size;

    @Override
    public SSLSession getSession(byte[] sessionId) {
        return null;
    }

    @Override
    public Enumeration<byte[]> getIds() {
        return Collections.emptyEnumeration();
    }

    @Override
    public void setSessionTimeout(int seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("session timeout must not be negative: " + seconds);
        }
        timeout = seconds;
    }

    @Override
    public int getSessionTimeout() {
        return timeout;
    }

    @Override
    public void setSessionCacheSize(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("session cache size must not be negative: " + size);
        }
        this.size = size;
    }

    @Override
    public int getSessionCacheSize() {
        return size;
    }
}
