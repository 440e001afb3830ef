package io.reactls.handshake.tls13;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.reactls.TlsAlertException;
import io.reactls.wire.TlsReader;
import io.reactls.wire.TlsWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The ClientHello pre_shared_key extension (RFC 8446 §4.2.11): identities with their obfuscated ages, then one binder
 * per identity. The binders come last in the last extension, so the "partial ClientHello" a binder covers is the
 * encoded ClientHello minus {@link #bindersLength()} bytes.
 */
record OfferedPsks(List<Identity> identities, List<byte[]> binders) {

    record Identity(byte[] identity, long obfuscatedTicketAge) {
    }

    byte[] encode() {
        ByteBuf b = Unpooled.buffer();
        try {
            int at = TlsWriter.begin16(b);
            for (Identity id : identities) {
                TlsWriter.vector16(b, id.identity());
                b.writeInt((int) id.obfuscatedTicketAge());
            }
            TlsWriter.end16(b, at);
            at = TlsWriter.begin16(b);
            for (byte[] binder : binders) {
                TlsWriter.vector8(b, binder);
            }
            TlsWriter.end16(b, at);
            byte[] out = new byte[b.readableBytes()];
            b.readBytes(out);
            return out;
        } finally {
            b.release();
        }
    }

    /** Bytes of the encoded binders list, its length prefix included. */
    int bindersLength() {
        int n = 2;
        for (byte[] binder : binders) {
            n += 1 + binder.length;
        }
        return n;
    }

    static OfferedPsks decode(TlsReader r) {
        TlsReader ids = r.sub16("pre_shared_key identities", 7, 0xFFFF);
        List<Identity> identities = new ArrayList<>();
        while (ids.hasRemaining()) {
            identities.add(new Identity(ids.vector16(1, 0xFFFF), ids.u32()));
        }
        TlsReader bs = r.sub16("pre_shared_key binders", 33, 0xFFFF);
        List<byte[]> binders = new ArrayList<>();
        while (bs.hasRemaining()) {
            binders.add(bs.vector8(32, 255));
        }
        if (identities.size() != binders.size()) {
            throw TlsAlertException.illegalParameter("pre_shared_key offers " + identities.size() + " identities but "
                    + binders.size() + " binders");
        }
        return new OfferedPsks(List.copyOf(identities), List.copyOf(binders));
    }

    /** ServerHello pre_shared_key: the index of the identity the server chose. */
    static byte[] selectedIdentity(int index) {
        return new byte[] {(byte) (index >>> 8), (byte) index};
    }
}
