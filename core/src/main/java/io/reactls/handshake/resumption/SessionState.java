package io.reactls.handshake.resumption;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.reactls.TlsAlertException;
import io.reactls.CipherSuite;
import io.reactls.NamedGroup;
import io.reactls.TlsVersion;
import io.reactls.wire.TlsReader;
import io.reactls.wire.TlsWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What a server seals into a session ticket so that it can resume without keeping state: the protocol, the suite,
 * the secret (the TLS 1.3 resumption PSK, or a TLS 1.2 master secret), when and for whom it was issued.
 *
 * @param createdMillis    issue time, epoch milliseconds
 * @param ageAdd           the TLS 1.3 ticket_age_add (0 for TLS 1.2)
 * @param lifetimeSeconds  how long the server promised the ticket would be good for
 * @param serverName       SNI of the original connection, or null
 * @param alpn             the original ALPN protocol, or null
 * @param peerCertificates the client's certificate chain (DER), empty when it sent none
 * @param group            TLS 1.2: the ECDHE group of the original handshake (null for RSA key exchange, and in TLS 1.3,
 *                         where every resumption makes its own key exchange)
 */
public record SessionState(TlsVersion version, CipherSuite suite, byte[] secret, long createdMillis, long ageAdd,
                           long lifetimeSeconds, boolean extendedMasterSecret, String serverName, String alpn,
                           List<byte[]> peerCertificates, NamedGroup group) {

    /** 2: the group was added; tickets of format 1 (older servers) are not resumed, only answered with a full handshake. */
    private static final int FORMAT = 2;

    /** A state without a group (TLS 1.3). */
    public SessionState(TlsVersion version, CipherSuite suite, byte[] secret, long createdMillis, long ageAdd,
                        long lifetimeSeconds, boolean extendedMasterSecret, String serverName, String alpn,
                        List<byte[]> peerCertificates) {
        this(version, suite, secret, createdMillis, ageAdd, lifetimeSeconds, extendedMasterSecret, serverName, alpn,
                peerCertificates, null);
    }

    public byte[] encode() {
        ByteBuf b = Unpooled.buffer();
        try {
            b.writeByte(FORMAT);
            b.writeShort(version.code());
            b.writeShort(suite.id());
            b.writeLong(createdMillis);
            b.writeInt((int) ageAdd);
            b.writeInt((int) lifetimeSeconds);
            b.writeByte(extendedMasterSecret ? 1 : 0);
            TlsWriter.vector8(b, secret);
            TlsWriter.vector8(b, utf8(serverName));
            TlsWriter.vector8(b, utf8(alpn));
            int at = TlsWriter.begin24(b);
            for (byte[] cert : peerCertificates) {
                TlsWriter.vector24(b, cert);
            }
            TlsWriter.end24(b, at);
            b.writeShort(group == null ? 0 : group.id());
            byte[] out = new byte[b.readableBytes()];
            b.readBytes(out);
            return out;
        } finally {
            b.release();
        }
    }

    /** The state in an opened ticket, or null when it is not one we understand (another format or version). */
    public static SessionState decode(byte[] encoded) {
        try {
            TlsReader r = TlsReader.of(Unpooled.wrappedBuffer(encoded), "session ticket");
            if (r.u8() != FORMAT) {
                return null;
            }
            TlsVersion version = version(r.u16());
            CipherSuite suite = CipherSuite.fromId(r.u16());
            long created = r.u32() << 32 | r.u32();
            long ageAdd = r.u32();
            long lifetime = r.u32();
            boolean ems = r.u8() == 1;
            byte[] secret = r.vector8(1, 0xFF);
            String serverName = text(r.vector8(0, 0xFF));
            String alpn = text(r.vector8(0, 0xFF));
            TlsReader certs = r.sub24("ticket certificates", 0, 0xFFFFFF);
            List<byte[]> chain = new ArrayList<>();
            while (certs.hasRemaining()) {
                chain.add(certs.vector24(1, 0xFFFFFF));
            }
            int groupId = r.u16();
            r.expectEnd();
            NamedGroup group = groupId == 0 ? null : NamedGroup.fromId(groupId);
            if (version == null || suite == null || (groupId != 0 && group == null)) {
                return null;
            }
            return new SessionState(version, suite, secret, created, ageAdd, lifetime, ems, serverName, alpn, List.copyOf(chain), group);
        } catch (TlsAlertException e) {
            // Authenticated by our own key, so this means a format we no longer read: treat it as unknown.
            return null;
        }
    }

    private static TlsVersion version(int code) {
        for (TlsVersion v : TlsVersion.values()) {
            if (v.code() == code) {
                return v;
            }
        }
        return null;
    }

    private static byte[] utf8(String s) {
        return s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return b.length == 0 ? null : new String(b, StandardCharsets.UTF_8);
    }
}
