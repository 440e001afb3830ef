package io.reactls.jsse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.reactls.TlsAlertException;
import io.reactls.CipherSuite;
import io.reactls.SignatureScheme;
import io.reactls.handshake.ClientHello;
import io.reactls.handshake.ExtensionType;
import io.reactls.handshake.HelloExtensions;
import io.reactls.wire.TlsReader;
import java.util.ArrayList;
import java.util.List;

/**
 * What a server needs from the ClientHello before it has an engine: the server name (for the key manager and SNI
 * matchers), the offered ALPN protocols (for a protocol selector) and the signature schemes (for the key types it
 * may choose). Read from records the engine will read again, so a malformed hello is simply "nothing known" and the
 * engine sends the alert it deserves.
 *
 * @param serverName the SNI host name, or null
 * @param alpn       the offered protocols, empty when none
 * @param schemes    the offered signature schemes we know, in the client's order; empty when the extension is absent
 * @param suites     the offered cipher suites we know
 * @param tls13      whether the client offers TLS 1.3 (supported_versions)
 */
record ClientHelloInfo(String serverName, List<String> alpn, List<SignatureScheme> schemes, List<CipherSuite> suites,
                       boolean tls13) {

    static final ClientHelloInfo UNKNOWN = new ClientHelloInfo(null, List.of(), List.of(), List.of(), false);

    private static final int HANDSHAKE_RECORD = 22;
    private static final int CLIENT_HELLO = 1;
    private static final int MAX_CLIENT_HELLO = 1 << 16;

    /**
     * The hello in {@code records} (whole records, headers included), or null when more records are needed. Anything
     * that is not a well-formed ClientHello is {@link #UNKNOWN}.
     */
    static ClientHelloInfo parse(ByteBuf records) {
        ByteBuf message = Unpooled.buffer();
        try {
            int at = records.readerIndex();
            int end = records.writerIndex();
            while (at + 5 <= end) {
                if (records.getUnsignedByte(at) != HANDSHAKE_RECORD) {
                    return UNKNOWN;
                }
                int length = records.getUnsignedShort(at + 3);
                if (at + 5 + length > end) {
                    return null;
                }
                message.writeBytes(records, at + 5, length);
                at += 5 + length;
                if (message.readableBytes() >= 4) {
                    if (message.getUnsignedByte(0) != CLIENT_HELLO || message.getUnsignedMedium(1) > MAX_CLIENT_HELLO) {
                        return UNKNOWN;
                    }
                    int bodyLength = message.getUnsignedMedium(1);
                    if (message.readableBytes() >= 4 + bodyLength) {
                        return read(message.slice(4, bodyLength));
                    }
                }
            }
            return null;
        } finally {
            message.release();
        }
    }

    private static ClientHelloInfo read(ByteBuf body) {
        try {
            ClientHello hello = ClientHello.decode(TlsReader.of(body, "ClientHello"));
            String name = hello.extensions().parse(ExtensionType.SERVER_NAME, "server_name", HelloExtensions::readServerName);
            List<String> alpn = hello.extensions().parse(ExtensionType.ALPN, "ALPN", HelloExtensions::readAlpn);
            List<SignatureScheme> schemes = hello.extensions().parse(ExtensionType.SIGNATURE_ALGORITHMS,
                    "signature_algorithms", ClientHelloInfo::readSchemes);
            List<CipherSuite> suites = new ArrayList<>();
            for (int id : hello.cipherSuites()) {
                CipherSuite suite = CipherSuite.fromId(id);
                if (suite != null) {
                    suites.add(suite);
                }
            }
            Boolean tls13 = hello.extensions().parse(ExtensionType.SUPPORTED_VERSIONS, "supported_versions",
                    ClientHelloInfo::offersTls13);
            return new ClientHelloInfo(name, alpn == null ? List.of() : alpn, schemes == null ? List.of() : schemes,
                    List.copyOf(suites), tls13 != null && tls13);
        } catch (TlsAlertException malformed) {
            return UNKNOWN; // the engine reads the same bytes and sends the alert this deserves
        }
    }

    private static Boolean offersTls13(TlsReader r) {
        TlsReader list = r.sub8("supported_versions", 2, 0xFE);
        boolean found = false;
        while (list.remaining() >= 2) {
            found |= list.u16() == 0x0304;
        }
        return found;
    }

    private static List<SignatureScheme> readSchemes(TlsReader r) {
        TlsReader list = r.sub16("signature_algorithms", 2, 0xFFFE);
        List<SignatureScheme> out = new ArrayList<>();
        while (list.remaining() >= 2) {
            SignatureScheme s = SignatureScheme.fromId(list.u16());
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }
}
