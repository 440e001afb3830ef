/**
 * reactls as a Netty {@code SslContext} ({@link io.reactls.netty.context.ReactlsSslContextBuilder}), for
 * {@code SslHandler} and reactor-netty's {@code secure(spec -> spec.sslContext(...))}. It lives in core, next to the
 * {@code SSLEngine} it hands out, and in a package of its own: the client module already owns
 * {@code io.reactls.netty} (the {@code TlsHandler} adapter), and two jars sharing one package would be a split package.
 */
package io.reactls.netty.context;
