package io.reactls.record;

import io.netty.buffer.ByteBuf;

/**
 * A record as it came off the wire: header fields plus a fragment that may still be protected. The fragment is
 * owned by whoever holds the record; {@link RecordProtection#open} consumes it.
 */
public record OpaqueRecord(ContentType type, int version, ByteBuf fragment) {
}
