package io.reactls.record;

import io.netty.buffer.ByteBuf;

/** A record whose fragment is plaintext: verified and decrypted, or never protected. The holder owns the fragment. */
public record PlainRecord(ContentType type, ByteBuf fragment) {
}
