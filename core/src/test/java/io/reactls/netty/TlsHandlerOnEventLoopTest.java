package io.reactls.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.reactls.TlsServerConfig;
import io.reactls.testing.TestPki;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Netty door made where Netty users make handlers: in a ChannelInitializer, on the event loop, with a config no
 * connection has used yet. Building the engine's state for a new config is blocking set-up (a DRBG seeded from the
 * OS, native libraries, a key log file), so it must not run there; BlockHound, on in every test, would refuse it.
 */
class TlsHandlerOnEventLoopTest {

    static final TestPki PKI = TestPki.get();

    final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    final List<Throwable> errors = new CopyOnWriteArrayList<>();
    Channel listener;

    @AfterEach
    void stop() throws InterruptedException {
        if (listener != null) {
            listener.close().sync();
        }
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).sync();
    }

    @Test
    void aServerHandlerMadeOnTheEventLoopWithAFreshConfigHandshakesAndEchoes() throws Exception {
        // Built here, on the test thread: the public config is plain values; nothing has used it yet.
        TlsServerConfig config = TlsServerConfig.of(PKI.ecdsaServer().keyMaterial());
        listener = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(TlsHandler.server(config, TlsHandlerSettings.defaults()), new Echo());
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
        int port = ((InetSocketAddress) listener.localAddress()).getPort();

        for (int i = 0; i < 2; i++) { // the second connection finds the config built
            try (SSLSocket socket = (SSLSocket) jdkClient().getSocketFactory().createSocket("127.0.0.1", port)) {
                socket.setSoTimeout(20_000);
                socket.startHandshake();
                assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
                socket.getOutputStream().write("ping".getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                byte[] reply = new byte[4];
                InputStream in = socket.getInputStream();
                for (int read = 0; read < 4; ) {
                    int n = in.read(reply, read, 4 - read);
                    assertThat(n).as("echo").isPositive();
                    read += n;
                }
                assertThat(new String(reply, StandardCharsets.US_ASCII)).isEqualTo("ping");
            }
        }
        assertThat(errors).isEmpty();
    }

    private static SSLContext jdkClient() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        int i = 0;
        for (X509Certificate ca : PKI.trustAnchors().certificates()) {
            trust.setCertificateEntry("ca" + i++, ca);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLSv1.3");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    /** Sends back what it reads; records what went wrong. */
    final class Echo extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ctx.writeAndFlush((ByteBuf) msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            errors.add(cause);
            ctx.close();
        }
    }
}
