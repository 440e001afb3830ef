package io.reactls.testing;

import io.reactls.engine.TlsEngine;
import io.reactls.handshake.TlsConfig;
import io.reactls.TlsSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A reactls server engine on 127.0.0.1 that accepts one connection on its own thread, echoes every byte until the
 * client's close_notify, answers with its own, and reports the session (or the failure) through {@link #result}.
 */
public final class EngineEchoServer implements AutoCloseable {

    /** What the connection negotiated and how it ended. */
    public record Outcome(TlsSession session, long echoedBytes, boolean peerSentCloseNotify) {
    }

    private final ServerSocket listener;
    private final List<CompletableFuture<Outcome>> results = new ArrayList<>();
    private final Thread thread;

    private EngineEchoServer(TlsConfig config, Duration timeout, int connections, Consumer<TlsEngine> afterHandshake) {
        this.listener = SocketEngineDriver.listen();
        for (int i = 0; i < connections; i++) {
            results.add(new CompletableFuture<>());
        }
        this.thread = new Thread(() -> results.forEach(r -> serve(config, timeout, afterHandshake, r)),
                "engine-echo-server-" + listener.getLocalPort());
        thread.setDaemon(true);
        thread.start();
    }

    public static EngineEchoServer start(TlsConfig config, Duration timeout) {
        return new EngineEchoServer(config, timeout, 1, engine -> { });
    }

    /** Serves {@code connections} connections one after the other (session resumption tests). */
    public static EngineEchoServer start(TlsConfig config, Duration timeout, int connections) {
        return new EngineEchoServer(config, timeout, connections, engine -> { });
    }

    /** Like {@link #start(TlsConfig, Duration)}, running {@code afterHandshake} on the engine once the handshake completed. */
    public static EngineEchoServer start(TlsConfig config, Duration timeout, Consumer<TlsEngine> afterHandshake) {
        return new EngineEchoServer(config, timeout, 1, afterHandshake);
    }

    public int port() {
        return listener.getLocalPort();
    }

    private void serve(TlsConfig config, Duration timeout, Consumer<TlsEngine> afterHandshake, CompletableFuture<Outcome> result) {
        try (SocketEngineDriver connection = SocketEngineDriver.accept(listener, config, timeout)) {
            TlsSession session = connection.handshake();
            afterHandshake.accept(connection.engine());
            long echoed = 0;
            for (byte[] data; (data = connection.receiveSome()) != null; ) {
                if (data.length > 0) {
                    connection.send(data);
                    echoed += data.length;
                }
            }
            result.complete(new Outcome(session, echoed, connection.engine().isInboundClosed()));
        } catch (Throwable e) {
            result.completeExceptionally(e);
        }
    }

    /** The outcome; rethrows the server's failure (e.g. the TlsAlertException of a failed handshake) as the cause. */
    public Outcome result(Duration timeout) throws ExecutionException, TimeoutException {
        return result(0, timeout);
    }

    /** The outcome of the {@code index}th connection (from 0). */
    public Outcome result(int index, Duration timeout) throws ExecutionException, TimeoutException {
        try {
            return results.get(index).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Closes the listener (unblocking a pending accept) and waits for the serving thread. */
    @Override
    public void close() {
        try {
            listener.close();
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            throw new IllegalStateException(thread.getName() + " still running 30 s after close");
        }
    }
}
