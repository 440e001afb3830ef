package io.reactls.handshake;

import io.netty.buffer.ByteBuf;
import io.reactls.crypto.KeyExchangeAlgorithm;
import io.reactls.wire.TlsReader;
import io.reactls.wire.TlsWriter;

/**
 * ClientKeyExchange (RFC 5246 §7.4.7): the RSA-encrypted pre-master secret (u16 vector) or the client's ECDHE
 * public key (u8 vector, RFC 8422 §5.7). Which one depends on the negotiated suite.
 */
public record ClientKeyExchange(KeyExchangeAlgorithm keyExchange, byte[] exchangeKeys) implements HandshakeMessage {

    @Override
    public HandshakeType type() {
        return HandshakeType.CLIENT_KEY_EXCHANGE;
    }

    @Override
    public void encodeBody(ByteBuf out) {
        if (keyExchange.isEcdhe()) {
            TlsWriter.vector8(out, exchangeKeys);
        } else {
            TlsWriter.vector16(out, exchangeKeys);
        }
    }

    public static ClientKeyExchange decode(TlsReader r, KeyExchangeAlgorithm kx) {
        byte[] keys = kx.isEcdhe() ? r.vector8(1, 0xFF) : r.vector16(1, 0xFFFF);
        r.expectEnd();
        return new ClientKeyExchange(kx, keys);
    }
}
