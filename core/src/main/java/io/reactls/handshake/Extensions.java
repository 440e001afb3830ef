package io.reactls.handshake;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.reactls.TlsAlertException;
import io.reactls.wire.TlsReader;
import io.reactls.wire.TlsWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An ordered extension block: type → raw body. Decoding rejects a type seen twice (RFC 5246 §7.4.1.4); typed
 * accessors parse bodies strictly on demand, so unknown and GREASE extensions are carried but never interpreted.
 */
public final class Extensions {

    private final Map<Integer, byte[]> byType;

    private Extensions(Map<Integer, byte[]> byType) {
        this.byType = byType;
    }

    public static Extensions empty() {
        return new Extensions(new LinkedHashMap<>());
    }

    /** Reads {@code Extension extensions<0..2^16-1>}; an absent block (no bytes left) is empty. */
    public static Extensions decode(TlsReader r, String what) {
        Map<Integer, byte[]> map = new LinkedHashMap<>();
        if (!r.hasRemaining()) {
            return new Extensions(map);
        }
        TlsReader block = r.sub16(what + " extensions", 0, 0xFFFF);
        while (block.hasRemaining()) {
            int type = block.u16();
            byte[] body = block.vector16(0, 0xFFFF);
            if (map.put(type, body) != null) {
                throw TlsAlertException.illegalParameter(what + ": extension " + type + " appears twice");
            }
        }
        return new Extensions(map);
    }

    public void encode(ByteBuf out) {
        int at = TlsWriter.begin16(out);
        for (Map.Entry<Integer, byte[]> e : byType.entrySet()) {
            out.writeShort(e.getKey());
            TlsWriter.vector16(out, e.getValue());
        }
        TlsWriter.end16(out, at);
    }

    public Extensions with(int type, byte[] body) {
        byType.put(type, body);
        return this;
    }

    public boolean has(int type) {
        return byType.containsKey(type);
    }

    public byte[] get(int type) {
        return byType.get(type);
    }

    public Set<Integer> types() {
        return Collections.unmodifiableSet(byType.keySet());
    }

    public boolean isEmpty() {
        return byType.isEmpty();
    }

    /** Parses an extension body with {@code parser}, demanding it consume the body exactly. */
    public <T> T parse(int type, String name, java.util.function.Function<TlsReader, T> parser) {
        byte[] body = byType.get(type);
        if (body == null) {
            return null;
        }
        TlsReader r = TlsReader.of(Unpooled.wrappedBuffer(body), name);
        T value = parser.apply(r);
        r.expectEnd();
        return value;
    }

    /** A list of u16 values in a u16-length vector (supported_groups, signature_algorithms). */
    public static List<Integer> readU16List(TlsReader r, String name) {
        TlsReader list = r.sub16(name, 2, 0xFFFE);
        if (list.remaining() % 2 != 0) {
            throw TlsAlertException.decodeError(name + ": odd length");
        }
        List<Integer> out = new ArrayList<>();
        while (list.hasRemaining()) {
            out.add(list.u16());
        }
        return out;
    }

    public static byte[] u16List(List<Integer> values) {
        ByteBuf b = Unpooled.buffer();
        int at = TlsWriter.begin16(b);
        values.forEach(b::writeShort);
        TlsWriter.end16(b, at);
        return toBytes(b);
    }

    static byte[] toBytes(ByteBuf b) {
        byte[] out = new byte[b.readableBytes()];
        b.readBytes(out);
        b.release();
        return out;
    }
}
