package io.reactls.netty;

import io.netty.channel.Channel;
import reactor.netty.channel.ChannelOperations;

/**
 * Whether reactor-netty's inbound on a channel still listens. reactor-netty is optional for the handler (the client and
 * server modules bring it; a plain Netty pipeline does not need it), so it is only touched when it is there.
 */
final class ReactorNettyInbound {

    private static final boolean PRESENT = probe();

    private ReactorNettyInbound() {
    }

    /** True outside reactor-netty (no reactor-netty, or a plain pipeline); there, whether its inbound has neither ended nor been cancelled. */
    static boolean listening(Channel channel) {
        return !PRESENT || Operations.listening(channel);
    }

    private static boolean probe() {
        try {
            Class.forName("reactor.netty.channel.ChannelOperations", false, ReactorNettyInbound.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Loaded only when reactor-netty is present. */
    private static final class Operations {
        static boolean listening(Channel channel) {
            ChannelOperations<?, ?> ops = ChannelOperations.get(channel);
            return ops == null || !(ops.isInboundDisposed() || ops.isInboundCancelled());
        }
    }
}
