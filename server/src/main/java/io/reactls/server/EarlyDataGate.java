package io.reactls.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.reactls.TlsSession;
import io.reactls.netty.TlsHandler;
import java.util.Set;
import reactor.netty.NettyPipeline;

/**
 * {@link EarlyDataRequests#SAFE_METHODS} on one HTTP/1.1 connection: answers {@code 425 Too Early} to a request that
 * is not safe and began within the 0-RTT bytes ({@code TlsSession.earlyDataBytes()}), before it reaches reactor-netty.
 *
 * <p>Two handlers share the state. The {@link Splitter}, between reactls and the HTTP codec, counts the inbound
 * plaintext and hands the codec the early bytes up to the last one, that last byte alone, then the rest: so the
 * {@link Gate}, after the codec, knows whether a request ended before the end of the early data (the next request
 * then began in it) or exactly at its end (the next one is 1-RTT). A request in 0-RTT data followed only by blank
 * lines is taken for the start of another early request: a 425 the client may not have needed, never a replay served.
 * Both leave the pipeline once no request can be early any more.
 */
final class EarlyDataGate {

    private static final HttpResponseStatus TOO_EARLY = new HttpResponseStatus(425, "Too Early");
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
            HttpMethod.TRACE);

    /** Where the codec is in the inbound plaintext. */
    private enum Phase { EARLY, LAST_EARLY_BYTE, AFTER }

    private final Gate gate = new Gate();
    private Phase phase = Phase.EARLY;
    /** Whether the next request the codec starts begins within the early data. */
    private boolean nextRequestEarly;

    private EarlyDataGate() {
    }

    /** Adds the handlers to a pipeline holding reactls's handler and reactor-netty's HTTP/1.1 codec. */
    static void install(ChannelPipeline pipeline) {
        EarlyDataGate state = new EarlyDataGate();
        pipeline.addBefore(NettyPipeline.HttpCodec, null, state.new Splitter());
        pipeline.addAfter(NettyPipeline.HttpCodec, null, state.gate);
    }

    private final class Splitter extends ChannelInboundHandlerAdapter {
        /** Early bytes not yet passed on; -1 before the first read. */
        private long remaining = -1;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof ByteBuf buf)) {
                ctx.fireChannelRead(msg);
                return;
            }
            if (remaining < 0) {
                // The first plaintext comes after the handshake, so the session says how much of it was 0-RTT data.
                TlsHandler tls = ctx.pipeline().get(TlsHandler.class);
                TlsSession session = tls == null ? null : tls.session();
                remaining = session != null && session.earlyData() == TlsSession.EarlyData.ACCEPTED
                        ? session.earlyDataBytes() : 0;
                nextRequestEarly = remaining > 0;
                if (remaining == 0) {
                    phase = Phase.AFTER;
                    ctx.pipeline().remove(gate);
                }
            }
            if (remaining == 0) {
                ctx.pipeline().remove(this);
                ctx.fireChannelRead(buf);
                return;
            }
            if (buf.readableBytes() < remaining) {
                remaining -= buf.readableBytes();
                ctx.fireChannelRead(buf);
                return;
            }
            try {
                int head = (int) remaining - 1;
                remaining = 0;
                if (head > 0) {
                    ctx.fireChannelRead(buf.readRetainedSlice(head));
                }
                phase = Phase.LAST_EARLY_BYTE;
                ctx.fireChannelRead(buf.readRetainedSlice(1));
                phase = Phase.AFTER;
                ctx.pipeline().remove(this);
                if (buf.isReadable()) {
                    ctx.fireChannelRead(buf.retain());
                }
            } finally {
                buf.release();
            }
        }
    }

    private final class Gate extends ChannelDuplexHandler {
        /** Requests passed on whose response has not been written in full. */
        private int inFlight;
        /** Dropping the body of a request answered 425 on a connection that stays open. */
        private boolean discarding;
        /** Nothing more is read: the connection closes after its 425. */
        private boolean closing;
        /** The version of a 425 that waits for earlier responses (HTTP/1.1 answers in order); null when none. */
        private HttpVersion owed;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (closing) {
                ReferenceCountUtil.release(msg);
                return;
            }
            boolean passed = !discarding;
            boolean notEarly = false;
            if (msg instanceof HttpRequest request) {
                notEarly = !nextRequestEarly;
                // A malformed request goes on: reactor-netty answers it 400 and closes.
                if (nextRequestEarly && !SAFE.contains(request.method()) && request.decoderResult().isSuccess()) {
                    refuse(ctx, request);
                    passed = false;
                } else {
                    inFlight++;
                }
            }
            if (msg instanceof LastHttpContent) {
                // The next request begins after this one: within the early data unless this was its last byte.
                nextRequestEarly = phase == Phase.EARLY;
                if (!passed && discarding) {
                    discarding = false;
                    // reactor-netty reads on demand and asks for the next request once it has answered one; it never
                    // saw this one, so ask for it here.
                    if (!ctx.channel().config().isAutoRead()) {
                        ctx.read();
                    }
                }
            }
            if (!passed) {
                ReferenceCountUtil.release(msg);
                return;
            }
            ctx.fireChannelRead(msg);
            if (notEarly && ctx.pipeline().context(this) != null) {
                ctx.pipeline().remove(this); // no later request can be early
            }
        }

        private void refuse(ChannelHandlerContext ctx, HttpRequest request) {
            if (inFlight > 0) {
                owed = request.protocolVersion();
                closing = true; // the requests after it would otherwise be answered before it
                return;
            }
            // A body the client holds back for 100-continue would never come: close rather than wait for it.
            closing = !HttpUtil.isKeepAlive(request) || HttpUtil.is100ContinueExpected(request);
            discarding = !closing;
            ChannelFuture written = ctx.writeAndFlush(tooEarly(request.protocolVersion(), closing));
            if (closing) {
                written.addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            boolean ends = msg instanceof LastHttpContent
                    && !(msg instanceof HttpResponse r && r.status().codeClass() == HttpStatusClass.INFORMATIONAL);
            ctx.write(msg, promise);
            if (ends && --inFlight == 0 && owed != null) {
                HttpVersion version = owed;
                owed = null;
                ctx.writeAndFlush(tooEarly(version, true)).addListener(ChannelFutureListener.CLOSE);
            }
        }

        private static FullHttpResponse tooEarly(HttpVersion version, boolean close) {
            FullHttpResponse response = new DefaultFullHttpResponse(version, TOO_EARLY);
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
            if (close) {
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            }
            return response;
        }
    }
}
