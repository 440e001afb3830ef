package io.reactls.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.reactls.TlsAlertException;
import io.reactls.handshake.ClientHello;
import io.reactls.handshake.ExtensionType;
import io.reactls.handshake.HelloExtensions;
import io.reactls.record.ContentType;
import io.reactls.record.OpaqueRecord;
import io.reactls.record.RecordDeframer;
import io.reactls.wire.TlsReader;

/**
 * Reads the server_name of a ClientHello from the first bytes of a connection without consuming them (the engine
 * reads them again), like Netty's {@code SniHandler}. The ClientHello may span several records.
 *
 * <p>Anything that is not a well-formed ClientHello gives {@link Result#noName()}: the engine then reads the same
 * bytes and fails with the proper alert, so the peek never has to report errors itself.
 */
final class ClientHelloPeek {

    private static final int CLIENT_HELLO = 1;
    /** A ClientHello larger than this is not worth buffering for a peek; the engine judges it. */
    private static final int MAX_CLIENT_HELLO = 1 << 16;

    /** Either "need more bytes" or the server name found (possibly null). */
    record Result(boolean complete, String serverName) {
        static final Result NEED_MORE = new Result(false, null);

        static Result noName() {
            return new Result(true, null);
        }
    }

    private ClientHelloPeek() {
    }

    static Result peek(ByteBuf in) {
        // The core's deframer does the record framing (and refuses a non-TLS header as early as the engine would);
        // it gets a retained duplicate, so the caller's bytes and reader index stay untouched for the engine.
        RecordDeframer records = new RecordDeframer();
        ByteBuf message = null;
        try {
            records.feed(in.retainedDuplicate());
            OpaqueRecord record;
            while ((record = records.poll()) != null) {
                ByteBuf fragment = record.fragment();
                try {
                    if (record.type() != ContentType.HANDSHAKE) {
                        return Result.noName();
                    }
                    if (message == null) {
                        message = Unpooled.buffer(fragment.readableBytes());
                    }
                    message.writeBytes(fragment);
                } finally {
                    fragment.release();
                }
                if (message.readableBytes() >= 4) {
                    if (message.getUnsignedByte(0) != CLIENT_HELLO) {
                        return Result.noName();
                    }
                    int bodyLength = message.getUnsignedMedium(1);
                    if (bodyLength > MAX_CLIENT_HELLO) {
                        return Result.noName();
                    }
                    if (message.readableBytes() >= 4 + bodyLength) {
                        return new Result(true, serverName(message.slice(4, bodyLength)));
                    }
                }
            }
            return Result.NEED_MORE;
        } catch (TlsAlertException notTls) {
            return Result.noName(); // the engine reads the same bytes and sends the alert this deserves
        } finally {
            records.release();
            if (message != null) {
                message.release();
            }
        }
    }

    private static String serverName(ByteBuf body) {
        try {
            ClientHello hello = ClientHello.decode(TlsReader.of(body, "ClientHello"));
            return hello.extensions().parse(ExtensionType.SERVER_NAME, "server_name", HelloExtensions::readServerName);
        } catch (TlsAlertException malformed) {
            return null; // the engine reads the same bytes and sends the alert this deserves
        }
    }
}
