package io.reactls.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.reactls.AlertDescription;

/**
 * A fatal alert as an unprotected TLS 1.2 record, for failures that happen before any engine exists (the
 * certificate resolver found nothing, or failed): the client then learns why instead of seeing a bare close.
 */
final class FatalAlert {

    private FatalAlert() {
    }

    static ByteBuf record(ByteBufAllocator alloc, AlertDescription description) {
        return alloc.buffer(7)
                .writeByte(21)       // ContentType.alert
                .writeShort(0x0303)  // TLS 1.2 record version
                .writeShort(2)
                .writeByte(2)        // fatal
                .writeByte(description.code());
    }
}
