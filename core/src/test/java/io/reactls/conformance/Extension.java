package io.reactls.conformance;

import java.util.ArrayList;
import java.util.List;

/** One hello extension as it goes on the wire: a type and raw data, duplicates and unknown types allowed. */
public record Extension(int type, byte[] data) {

    /** The extensions block: a two-byte length, then each type, length and data in order. */
    static byte[] block(List<Extension> extensions) {
        Bytes b = Bytes.create();
        for (Extension e : extensions) {
            b.u16(e.type()).vec16(e.data());
        }
        return Bytes.create().vec16(b.toArray()).toArray();
    }

    /** An ordered, editable extension list: replace keeps the position, add appends. */
    static final class ListBuilder {
        final List<Extension> list = new ArrayList<>();

        void add(int type, byte[] data) {
            list.add(new Extension(type, data));
        }

        void set(int type, byte[] data) {
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i).type() == type) {
                    list.set(i, new Extension(type, data));
                    return;
                }
            }
            add(type, data);
        }

        void remove(int type) {
            list.removeIf(e -> e.type() == type);
        }
    }
}
