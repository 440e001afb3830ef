package io.reactls.handshake;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.reactls.AlertDescription;
import io.reactls.TlsAlertException;
import io.reactls.TlsVersion;
import io.reactls.wire.TlsReader;
import io.reactls.wire.TlsWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Encoders and strict decoders for the hello extensions reactls negotiates. */
public final class HelloExtensions {

    private static final int HOST_NAME = 0;
    private static final int UNCOMPRESSED = 0;

    private HelloExtensions() {
    }

    /** RFC 7366: encrypt_then_mac is offered whenever a CBC suite is enabled for TLS 1.2. */
    public static boolean offersEncryptThenMac(TlsConfig cfg) {
        return cfg.versions().contains(TlsVersion.TLS_1_2)
                && cfg.cipherSuites().stream().anyMatch(io.reactls.CipherSuite::isCbc);
    }

    /** SNI carries DNS names only, never IP literals (RFC 6066 §3). */
    public static boolean isDnsName(String host) {
        return !host.contains(":") && !host.matches("[0-9.]+");
    }

    /** server_name (RFC 6066 §3) with one host_name. */
    public static byte[] serverName(String host) {
        ByteBuf b = Unpooled.buffer();
        int list = TlsWriter.begin16(b);
        b.writeByte(HOST_NAME);
        TlsWriter.vector16(b, host.getBytes(StandardCharsets.US_ASCII));
        TlsWriter.end16(b, list);
        return Extensions.toBytes(b);
    }

    /** The host_name in a ClientHello server_name, or null; the ServerHello echo is empty. */
    public static String readServerName(TlsReader r) {
        TlsReader list = r.sub16("server_name list", 1, 0xFFFF);
        String host = null;
        while (list.hasRemaining()) {
            int type = list.u8();
            byte[] name = list.vector16(1, 0xFFFF);
            if (type == HOST_NAME) {
                if (host != null) {
                    throw TlsAlertException.illegalParameter("server_name carries two host names");
                }
                for (byte c : name) {
                    if (c <= 0x20 || c >= 0x7F) {
                        throw TlsAlertException.illegalParameter("server_name host is not a printable ASCII name");
                    }
                }
                host = new String(name, StandardCharsets.US_ASCII);
            }
        }
        return host;
    }

    /** application_layer_protocol_negotiation (RFC 7301 §3.1). */
    public static byte[] alpn(List<String> protocols) {
        ByteBuf b = Unpooled.buffer();
        int list = TlsWriter.begin16(b);
        for (String p : protocols) {
            TlsWriter.vector8(b, p.getBytes(StandardCharsets.UTF_8));
        }
        TlsWriter.end16(b, list);
        return Extensions.toBytes(b);
    }

    public static List<String> readAlpn(TlsReader r) {
        TlsReader list = r.sub16("ALPN protocol_name_list", 2, 0xFFFF);
        List<String> out = new ArrayList<>();
        while (list.hasRemaining()) {
            out.add(new String(list.vector8(1, 0xFF), StandardCharsets.UTF_8));
        }
        return out;
    }

    /** ec_point_formats with only uncompressed (RFC 8422 §5.1.2). */
    public static byte[] ecPointFormats() {
        return new byte[] {1, UNCOMPRESSED};
    }

    /** Returns whether the peer's ec_point_formats list includes uncompressed. */
    public static boolean readEcPointFormats(TlsReader r) {
        byte[] formats = r.vector8(1, 0xFF);
        for (byte f : formats) {
            if (f == UNCOMPRESSED) {
                return true;
            }
        }
        return false;
    }

    /** renegotiation_info (RFC 5746 §3.2) for an initial handshake, or with the verify data (never sent by us). */
    public static byte[] renegotiationInfo(byte[] verifyData) {
        byte[] out = new byte[1 + verifyData.length];
        out[0] = (byte) verifyData.length;
        System.arraycopy(verifyData, 0, out, 1, verifyData.length);
        return out;
    }

    /** Checks that a renegotiation_info body is the empty one of an initial handshake. */
    public static void expectInitialRenegotiationInfo(byte[] body) {
        if (body.length != 1 || body[0] != 0) {
            throw new TlsAlertException(AlertDescription.HANDSHAKE_FAILURE,
                    "renegotiation_info is not empty on an initial handshake");
        }
    }

    /** ALPN (RFC 7301 §3.2): our first protocol the client offers; no overlap is a fatal no_application_protocol. */
    public static String chooseAlpn(TlsConfig cfg, List<String> clientProtocols) {
        if (clientProtocols == null || cfg.alpn().isEmpty()) {
            return null;
        }
        for (String p : cfg.alpn()) {
            if (clientProtocols.contains(p)) {
                return p;
            }
        }
        throw new TlsAlertException(AlertDescription.NO_APPLICATION_PROTOCOL,
                "client offered ALPN " + clientProtocols + ", we serve " + cfg.alpn());
    }

    /** RFC 6066 §8 status_type ocsp. */
    private static final int OCSP = 1;

    /** Whether a client asks for a stapled OCSP response: whenever it checks revocation. */
    public static boolean requestsStatus(TlsConfig cfg) {
        return cfg.isClient() && cfg.revocationPolicy() != io.reactls.RevocationPolicy.OFF;
    }

    /** status_request (RFC 6066 §8) for OCSP, with no responder ids and no request extensions (nonce-less). */
    public static byte[] statusRequest() {
        return new byte[] {OCSP, 0, 0, 0, 0};
    }

    /** Whether a ClientHello's status_request asks for OCSP (another status_type is ignored, RFC 6066 §8). */
    public static boolean readStatusRequest(TlsReader r) {
        int type = r.u8();
        if (type != OCSP) {
            r.bytes(r.remaining()); // unknown status_type: its body is opaque to us
            return false;
        }
        r.vector16(0, 0xFFFF); // responder_id_list: we staple what we have, whoever it names
        r.vector16(0, 0xFFFF); // request_extensions
        return true;
    }

    /**
     * Server: the OCSP response to staple to {@code served}, when the client asked for one and the config has a
     * source that holds one; else null. A failing source means no staple, never a failed handshake.
     */
    public static byte[] stapleFor(TlsConfig cfg, io.reactls.KeyMaterial served, boolean clientAsked) {
        io.reactls.OcspStapleSource source = cfg.ocspStaples();
        if (!clientAsked || source == null) {
            return null;
        }
        try {
            byte[] response = source.staple(served);
            return response != null && response.length > 0 ? response : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
