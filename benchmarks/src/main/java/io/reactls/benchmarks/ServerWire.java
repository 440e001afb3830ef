package io.reactls.benchmarks;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * What the server sent in one full handshake, split where it had read more than the ClientHello: its first flight,
 * then what followed the client's last flight (TLS 1.3: NewSessionTickets; TLS 1.2: [NewSessionTicket], CCS,
 * Finished). {@link WorkPerOp} compares these across stacks to show that every server does the same work, tickets
 * included. Only the probe records; the benchmarks pass no recorder, so they copy nothing.
 */
final class ServerWire {

    private final ByteArrayOutputStream first = new ByteArrayOutputStream();
    private final ByteArrayOutputStream after = new ByteArrayOutputStream();
    private int clientHello = -1;
    private int clientBytes;

    /** The server has read {@code n} more bytes from the client. */
    void fromClient(int n) {
        if (n <= 0) {
            return;
        }
        if (clientHello < 0) {
            clientHello = n;
        }
        clientBytes += n;
    }

    /** The server wrote these bytes (the buffer's position is not moved). */
    void fromServer(ByteBuffer bytes) {
        ByteBuffer b = bytes.duplicate();
        byte[] copy = new byte[b.remaining()];
        b.get(copy);
        (clientBytes > clientHello ? after : first).writeBytes(copy);
    }

    /** The ClientHello's bytes on the wire (its first flight), or -1 before one arrived. */
    int clientHelloBytes() {
        return clientHello;
    }

    int firstFlightBytes() {
        return first.size();
    }

    int afterClientFinishedBytes() {
        return after.size();
    }

    /** Records the server sent after the client's last flight. */
    int afterClientFinishedRecords() {
        return records(after.toByteArray(), false);
    }

    /**
     * TLS 1.2 NewSessionTickets: handshake records (type 22, plaintext, message type 4) before the server's
     * ChangeCipherSpec in its last flight. Meaningless for TLS 1.3, where tickets are encrypted.
     */
    int tls12Tickets() {
        return records(after.toByteArray(), true);
    }

    /**
     * TLS 1.2: the ServerKeyExchange's named group and signature scheme, {group, scheme} code points, read from the
     * server's plaintext first flight; null when there is none (TLS 1.3, RSA key exchange).
     */
    int[] tls12KeyExchange() {
        byte[] wire = first.toByteArray();
        java.io.ByteArrayOutputStream handshake = new java.io.ByteArrayOutputStream();
        for (int i = 0; i + 5 <= wire.length; ) {
            int length = ((wire[i + 3] & 0xff) << 8) | (wire[i + 4] & 0xff);
            if ((wire[i] & 0xff) != 22 || i + 5 + length > wire.length) {
                break;
            }
            handshake.write(wire, i + 5, length);
            i += 5 + length;
        }
        byte[] m = handshake.toByteArray();
        for (int i = 0; i + 4 <= m.length; ) {
            int length = ((m[i + 1] & 0xff) << 16) | ((m[i + 2] & 0xff) << 8) | (m[i + 3] & 0xff);
            if (m[i] == 12 && i + 4 + length <= m.length && m[i + 4] == 3) { // server_key_exchange, named_curve
                int body = i + 4;
                int group = ((m[body + 1] & 0xff) << 8) | (m[body + 2] & 0xff);
                int keyLength = m[body + 3] & 0xff;
                int scheme = ((m[body + 4 + keyLength] & 0xff) << 8) | (m[body + 5 + keyLength] & 0xff);
                return new int[] {group, scheme};
            }
            i += 4 + length;
        }
        return null;
    }

    /** TLS records from the buffer's position to its limit (the position is not moved). */
    static int recordCount(ByteBuffer wire) {
        byte[] b = new byte[wire.remaining()];
        wire.duplicate().get(b);
        return records(b, false);
    }

    private static int records(byte[] wire, boolean ticketsBeforeCcs) {
        int n = 0;
        for (int i = 0; i + 5 <= wire.length; ) {
            int type = wire[i] & 0xff;
            int length = ((wire[i + 3] & 0xff) << 8) | (wire[i + 4] & 0xff);
            if (ticketsBeforeCcs) {
                if (type == 20) {
                    return n;
                }
                if (type == 22 && i + 5 < wire.length && wire[i + 5] == 4) {
                    n++;
                }
            } else {
                n++;
            }
            i += 5 + length;
        }
        return n;
    }
}
