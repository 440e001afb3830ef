package io.reactls.conformance;

import io.reactls.CertificateGenerator;
import io.reactls.GeneratedPki;
import io.reactls.handshake.TlsConfig;
import io.reactls.TlsVersion;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The configurations the conformance scripts run against: defaults, an EC certificate for "localhost". */
public final class Conformance {

    public static final GeneratedPki PKI = CertificateGenerator.ec().ca("conformance CA").leaf("localhost");
    public static final byte[] PING = "ping".getBytes(StandardCharsets.US_ASCII);

    private Conformance() {
    }

    /** A server with default settings (TLS 1.3 and 1.2); no tickets, so nothing arrives unasked after the handshake. */
    public static TlsConfig.Builder server() {
        return TlsConfig.server(PKI.leaf()).sessionTickets(0);
    }

    public static TlsConfig.Builder client() {
        return TlsConfig.client().trustAnchors(PKI.trustAnchors());
    }

    public static TlsConfig.Builder tls12Server() {
        return server().versions(List.of(TlsVersion.TLS_1_2));
    }

    /** A script against a default server engine in memory. */
    public static ScriptedClient againstServer() {
        return ScriptedClient.against(EnginePeer.server(server().build()));
    }

    public static ScriptedClient againstServer(TlsConfig.Builder config) {
        return ScriptedClient.against(EnginePeer.server(config.build()));
    }

    /** A script against a client engine in memory, whose ClientHello is waiting to be read. */
    public static ScriptedServer againstClient(TlsConfig.Builder config) {
        return ScriptedServer.against(EnginePeer.client(config.build()));
    }
}
