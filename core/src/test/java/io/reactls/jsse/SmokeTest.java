package io.reactls.jsse;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactls.jsse.JsseContexts.Impl;
import io.reactls.testing.TestPki;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SmokeTest {
    @ParameterizedTest
    @CsvSource({"REACTLS,REACTLS,TLSv1.3", "REACTLS,SUNJSSE,TLSv1.3", "SUNJSSE,REACTLS,TLSv1.3",
            "REACTLS,REACTLS,TLSv1.2", "REACTLS,SUNJSSE,TLSv1.2", "SUNJSSE,REACTLS,TLSv1.2"})
    void handshake(Impl clientImpl, Impl serverImpl, String protocol) throws Exception {
        SSLEngine client = clientImpl.context(null).createSSLEngine("localhost", 443);
        SSLEngine server = serverImpl.context(TestPki.get().ecdsaServer().keyMaterial()).createSSLEngine();
        client.setEnabledProtocols(new String[] {protocol});
        EngineLoop loop = new EngineLoop(client, server).handshake();
        assertThat(client.getSession().getProtocol()).isEqualTo(protocol);
        assertThat(server.getSession().getProtocol()).isEqualTo(protocol);
        assertThat(new String(EngineLoop.transfer(client, server, "hello".getBytes()))).isEqualTo("hello");
        assertThat(new String(EngineLoop.transfer(server, client, "world".getBytes()))).isEqualTo("world");
        assertThat(loop.finishedCount(loop.clientResults)).isEqualTo(1);
        assertThat(loop.finishedCount(loop.serverResults)).isEqualTo(1);
    }
}
