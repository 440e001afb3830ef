package io.reactls.conformance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;

/** A TLS server over TCP on 127.0.0.1 as the peer under test; each {@link #write} is one socket write. */
public final class SocketPeer implements Peer {

    private final Socket socket;
    private boolean closed;

    private SocketPeer(Socket socket) {
        this.socket = socket;
    }

    public static SocketPeer connect(int port) {
        try {
            Socket s = new Socket("127.0.0.1", port);
            s.setTcpNoDelay(true);
            return new SocketPeer(s);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to 127.0.0.1:" + port, e);
        }
    }

    @Override
    public void write(byte[] bytes) {
        try {
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
        } catch (SocketException e) {
            closed = true; // the server already closed; what it sent before is still readable
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public byte[] read(Duration timeout) {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        if (closed) {
            return got.toByteArray();
        }
        try {
            InputStream in = socket.getInputStream();
            socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
            byte[] buf = new byte[32 * 1024];
            int n = in.read(buf);
            if (n < 0) {
                closed = true;
                return got.toByteArray();
            }
            got.write(buf, 0, n);
            while (in.available() > 0 && (n = in.read(buf, 0, Math.min(buf.length, in.available()))) > 0) {
                got.write(buf, 0, n);
            }
        } catch (SocketTimeoutException e) {
            // nothing within the timeout
        } catch (SocketException e) {
            closed = true; // reset by the server
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return got.toByteArray();
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing a test socket
        }
    }
}
