package io.reactls.handshake.tls13;

import io.reactls.crypto.CipherSuites;
import io.reactls.crypto.HashAlgorithm;
import io.reactls.handshake.ClientHello;
import io.reactls.handshake.ExtensionType;
import io.reactls.handshake.Extensions;
import io.reactls.handshake.HandshakeContext;
import io.reactls.handshake.HandshakeReassembler;
import io.reactls.handshake.resumption.ClientTicket;
import java.util.List;

/** The client's pre_shared_key extension (RFC 8446 §4.2.11): one resumption ticket and its binder. */
public final class PskOffer {

    private PskOffer() {
    }

    /** Bytes the extension adds to a ClientHello, its 4-byte header included (padding counts them before it is added). */
    public static int extensionLength(ClientTicket ticket, long obfuscatedAge) {
        return 4 + placeholder(ticket, obfuscatedAge).encode().length;
    }

    /**
     * Adds pre_shared_key as the last extension of {@code hello} (whose extensions are {@code ext}), its binder an
     * HMAC over the transcript so far and this ClientHello up to the binders: encoded once with a placeholder binder
     * of the right length, then for real.
     */
    public static void add(HandshakeContext ctx, ClientTicket ticket, long obfuscatedAge, Extensions ext, ClientHello hello) {
        HashAlgorithm h = CipherSuites.hash(ticket.suite());
        OfferedPsks placeholder = placeholder(ticket, obfuscatedAge);
        ext.with(ExtensionType.PRE_SHARED_KEY, placeholder.encode());
        byte[] encoded = HandshakeReassembler.encode(hello);
        byte[] partialHash = ctx.transcript().hashWith(h, encoded, encoded.length - placeholder.bindersLength());
        byte[] binder = Tls13KeySchedule.finishedVerifyData(h, Tls13KeySchedule.early(h, ticket.secret()).binderKey(true), partialHash);
        ext.with(ExtensionType.PRE_SHARED_KEY, new OfferedPsks(placeholder.identities(), List.of(binder)).encode());
    }

    /** Our PSK offer with an all-zero binder of the right length: its size is the real one's. */
    private static OfferedPsks placeholder(ClientTicket ticket, long obfuscatedAge) {
        return new OfferedPsks(List.of(new OfferedPsks.Identity(ticket.ticket(), obfuscatedAge)),
                List.of(new byte[CipherSuites.hash(ticket.suite()).length()]));
    }
}
