package io.reactls.fuzz;

import java.io.ByteArrayOutputStream;

/**
 * Real handshake bytes from our own engines under the fuzz configurations. The configurations are deterministic,
 * so the same bytes come out in every run: a captured server flight still answers the client's key share.
 * Client variant v is paired with server variant v (0: TLS 1.3, 1: TLS 1.2 RSA with client auth, 2: TLS 1.3 HRR).
 */
final class Captured {

    private Captured() {
    }

    /** The ClientHello record(s) the client of {@code clientVariant} sends first. */
    static byte[] clientHello(int clientVariant) {
        try (FuzzedEngine client = FuzzedEngine.client(FuzzConfigs.client(clientVariant))) {
            client.begin();
            return client.takeSent();
        }
    }

    /** Everything the server of {@code variant} answers to the ClientHello of the client of {@code variant}. */
    static byte[] serverFlight(int variant) {
        try (FuzzedEngine server = FuzzedEngine.server(FuzzConfigs.server(variant))) {
            server.begin();
            if (!server.receive(clientHello(variant))) {
                throw new IllegalStateException("server variant " + variant + " rejected its client: " + server.failure());
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (byte[] b; (b = server.takeSent()) != null; ) {
                out.writeBytes(b);
            }
            return out.toByteArray();
        }
    }
}
