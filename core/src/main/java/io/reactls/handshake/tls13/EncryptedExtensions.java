package io.reactls.handshake.tls13;

import io.netty.buffer.ByteBuf;
import io.reactls.handshake.Extensions;
import io.reactls.handshake.HandshakeMessage;
import io.reactls.handshake.HandshakeType;
import io.reactls.wire.TlsReader;

/** EncryptedExtensions (RFC 8446 §4.3.1): the server's answers that need no key exchange, sent encrypted. */
public record EncryptedExtensions(Extensions extensions) implements HandshakeMessage {

    @Override
    public HandshakeType type() {
        return HandshakeType.ENCRYPTED_EXTENSIONS;
    }

    @Override
    public void encodeBody(ByteBuf out) {
        extensions.encode(out);
    }

    public static EncryptedExtensions decode(TlsReader r) {
        return new EncryptedExtensions(Tls13Extensions.decodeBlock(r, "EncryptedExtensions"));
    }
}
