package io.reactls.handshake;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.reactls.TlsAlertException;
import io.reactls.wire.TlsReader;
import io.reactls.wire.TlsWriter;

/**
 * ServerKeyExchange for ECDHE (RFC 8422 §5.4): named-curve parameters, the server's ephemeral public key, and a
 * signature over client_random + server_random + params.
 */
public record EcdheServerKeyExchange(int namedGroup, byte[] publicKey, int signatureScheme, byte[] signature)
        implements HandshakeMessage {

    private static final int NAMED_CURVE = 3;

    @Override
    public HandshakeType type() {
        return HandshakeType.SERVER_KEY_EXCHANGE;
    }

    /** The ServerECDHParams bytes that the signature covers. */
    public static byte[] params(int namedGroup, byte[] publicKey) {
        ByteBuf b = Unpooled.buffer();
        b.writeByte(NAMED_CURVE).writeShort(namedGroup);
        TlsWriter.vector8(b, publicKey);
        return Extensions.toBytes(b);
    }

    public byte[] params() {
        return params(namedGroup, publicKey);
    }

    @Override
    public void encodeBody(ByteBuf out) {
        out.writeBytes(params());
        out.writeShort(signatureScheme);
        TlsWriter.vector16(out, signature);
    }

    public static EcdheServerKeyExchange decode(TlsReader r) {
        int curveType = r.u8();
        if (curveType != NAMED_CURVE) {
            throw TlsAlertException.illegalParameter("ServerKeyExchange uses curve type " + curveType + ", only named_curve is allowed");
        }
        int group = r.u16();
        byte[] point = r.vector8(1, 0xFF);
        int scheme = r.u16();
        byte[] sig = r.vector16(0, 0xFFFF);
        r.expectEnd();
        return new EcdheServerKeyExchange(group, point, scheme, sig);
    }
}
