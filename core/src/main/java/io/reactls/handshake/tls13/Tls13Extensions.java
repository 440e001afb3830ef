package io.reactls.handshake.tls13;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.reactls.TlsAlertException;
import io.reactls.handshake.Extensions;
import io.reactls.wire.TlsReader;
import io.reactls.wire.TlsWriter;
import java.util.ArrayList;
import java.util.List;

/** Encoders and strict decoders for supported_versions, key_share, cookie and psk_key_exchange_modes. */
public final class Tls13Extensions {

    public static final int PSK_DHE_KE = 1;

    /** One KeyShareEntry. */
    public record KeyShare(int group, byte[] keyExchange) {
    }

    private Tls13Extensions() {
    }

    public static byte[] clientSupportedVersions(List<Integer> versions) {
        ByteBuf b = Unpooled.buffer();
        int at = TlsWriter.begin8(b);
        versions.forEach(b::writeShort);
        TlsWriter.end8(b, at);
        return bytes(b);
    }

    public static List<Integer> readClientSupportedVersions(TlsReader r) {
        TlsReader list = r.sub8("supported_versions", 2, 254);
        if (list.remaining() % 2 != 0) {
            throw TlsAlertException.decodeError("supported_versions has odd length");
        }
        List<Integer> out = new ArrayList<>();
        while (list.hasRemaining()) {
            out.add(list.u16());
        }
        return out;
    }

    public static byte[] selectedVersion(int version) {
        return new byte[] {(byte) (version >>> 8), (byte) version};
    }

    public static int readSelectedVersion(TlsReader r) {
        return r.u16();
    }

    public static byte[] clientKeyShares(List<KeyShare> shares) {
        ByteBuf b = Unpooled.buffer();
        int at = TlsWriter.begin16(b);
        for (KeyShare s : shares) {
            b.writeShort(s.group());
            TlsWriter.vector16(b, s.keyExchange());
        }
        TlsWriter.end16(b, at);
        return bytes(b);
    }

    /** Client shares; a group appearing twice is an illegal_parameter (RFC 8446 §4.2.8). */
    public static List<KeyShare> readClientKeyShares(TlsReader r) {
        TlsReader list = r.sub16("key_share client_shares", 0, 0xFFFF);
        List<KeyShare> out = new ArrayList<>();
        while (list.hasRemaining()) {
            int group = list.u16();
            byte[] key = list.vector16(1, 0xFFFF);
            for (KeyShare s : out) {
                if (s.group() == group) {
                    throw TlsAlertException.illegalParameter("key_share offers group " + group + " twice");
                }
            }
            out.add(new KeyShare(group, key));
        }
        return out;
    }

    public static byte[] serverKeyShare(KeyShare share) {
        ByteBuf b = Unpooled.buffer();
        b.writeShort(share.group());
        TlsWriter.vector16(b, share.keyExchange());
        return bytes(b);
    }

    public static KeyShare readServerKeyShare(TlsReader r) {
        int group = r.u16();
        return new KeyShare(group, r.vector16(1, 0xFFFF));
    }

    /** HelloRetryRequest key_share: just the selected group. */
    public static byte[] selectedGroup(int group) {
        return new byte[] {(byte) (group >>> 8), (byte) group};
    }

    public static byte[] cookie(byte[] cookie) {
        ByteBuf b = Unpooled.buffer();
        TlsWriter.vector16(b, cookie);
        return bytes(b);
    }

    public static byte[] readCookie(TlsReader r) {
        return r.vector16(1, 0xFFFF);
    }

    /** NewSessionTicket early_data: max_early_data_size (RFC 8446 §4.2.10). */
    public static byte[] maxEarlyDataSize(long bytes) {
        return new byte[] {(byte) (bytes >>> 24), (byte) (bytes >>> 16), (byte) (bytes >>> 8), (byte) bytes};
    }

    public static long readMaxEarlyDataSize(TlsReader r) {
        return r.u32();
    }

    public static byte[] pskDheKeOnly() {
        return new byte[] {1, PSK_DHE_KE};
    }

    /** psk_key_exchange_modes: the modes the client allows. */
    public static List<Integer> readPskModes(TlsReader r) {
        byte[] modes = r.vector8(1, 0xFF);
        List<Integer> out = new ArrayList<>();
        for (byte m : modes) {
            out.add(m & 0xFF);
        }
        return out;
    }

    private static byte[] bytes(ByteBuf b) {
        byte[] out = new byte[b.readableBytes()];
        b.readBytes(out);
        b.release();
        return out;
    }

    /** A block of extensions as one array of bytes (for messages that only carry extensions). */
    static Extensions decodeBlock(TlsReader r, String what) {
        Extensions e = Extensions.decode(r, what);
        r.expectEnd();
        return e;
    }

    /** RFC 8879 §3: {@code CertificateCompressionAlgorithm algorithms<2..2^8-2>}. */
    public static byte[] compressCertificate(List<Integer> algorithms) {
        ByteBuf b = Unpooled.buffer();
        int at = TlsWriter.begin8(b);
        algorithms.forEach(b::writeShort);
        TlsWriter.end8(b, at);
        return bytes(b);
    }

    /** The peer's algorithms in its order, unknown code points included (they are skipped when choosing). */
    public static List<Integer> readCompressCertificate(TlsReader r) {
        TlsReader list = r.sub8("compress_certificate", 2, 254);
        if (list.remaining() % 2 != 0) {
            throw TlsAlertException.decodeError("compress_certificate has odd length");
        }
        List<Integer> out = new ArrayList<>();
        while (list.hasRemaining()) {
            out.add(list.u16());
        }
        return out;
    }
}
