package io.reactls.record;

import io.netty.buffer.ByteBuf;

/** Test access to {@link Tls13AeadProtection#sealInnerPlaintext}: records with any inner type and any padding. */
public final class InnerPlaintextSealer {

    private InnerPlaintextSealer() {
    }

    /** Seals {@code inner} (content, type, zeros) as one TLS 1.3 record; false when {@code protection} is not TLS 1.3. */
    public static boolean seal(RecordProtection protection, byte[] inner, ByteBuf out) {
        if (protection instanceof Tls13AeadProtection p) {
            p.sealInnerPlaintext(inner, out);
            return true;
        }
        return false;
    }
}
