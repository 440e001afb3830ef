package io.reactls.handshake.tls13;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.reactls.AlertDescription;
import io.reactls.TlsAlertException;
import io.reactls.handshake.HandshakeContext;
import io.reactls.handshake.HandshakeReassembler.Message;
import io.reactls.HandshakeStep;
import io.reactls.handshake.HandshakeType;
import io.reactls.handshake.TlsConfig;
import io.reactls.CertificateCompression;
import io.reactls.handshake.compression.CertificateCodecs;
import io.reactls.handshake.compression.DecompressionException;
import io.reactls.wire.TlsReader;
import java.util.List;

/**
 * Sends and receives a TLS 1.3 Certificate either plainly or, when negotiated, as an RFC 8879 CompressedCertificate.
 * Either way the transcript holds the message as it went over the wire (§4); the decompressed Certificate is then
 * processed exactly as a plain one (§5).
 */
final class Certificates13 {

    private Certificates13() {
    }

    /**
     * Sends our Certificate; compressed with the first algorithm of {@code peerAlgorithms} (the receiver's list, in
     * its order: RFC 8879 §3) that we enable, or plain when there is none or the peer sent no list (null).
     */
    static void send(HandshakeContext ctx, Certificate13 certificate, List<Integer> peerAlgorithms, HandshakeStep step) {
        CertificateCompression algorithm = choose(ctx.config(), peerAlgorithms);
        if (algorithm == null) {
            ctx.send(certificate);
            return;
        }
        ByteBuf b = Unpooled.buffer();
        byte[] body;
        try {
            certificate.encodeBody(b);
            body = new byte[b.readableBytes()];
            b.readBytes(body);
        } finally {
            b.release();
        }
        byte[] compressed = ctx.config().compressedCertificateCache()
                .compress(algorithm, body, certificate.requestContext().length == 0);
        ctx.send(new CompressedCertificate(algorithm.id(), body.length, compressed));
        ctx.event(step, "Certificate sent as CompressedCertificate (" + algorithm.rfcName() + "): "
                + body.length + " → " + compressed.length + " bytes");
    }

    static CertificateCompression choose(TlsConfig cfg, List<Integer> peerAlgorithms) {
        if (peerAlgorithms == null) {
            return null;
        }
        for (int id : peerAlgorithms) {
            CertificateCompression c = CertificateCompression.fromId(id);
            if (c != null && cfg.certificateCompression().contains(c)) {
                return c;
            }
        }
        return null;
    }

    /**
     * The peer's Certificate from a CERTIFICATE or COMPRESSED_CERTIFICATE message; {@code offered} lists what we
     * offered to decompress (empty when we did not send compress_certificate). Null when {@code m} is neither.
     */
    static Certificate13 receive(HandshakeContext ctx, Message m, List<CertificateCompression> offered, HandshakeStep step) {
        int limit = ctx.config().maxCertificateSize();
        if (m.type() == HandshakeType.CERTIFICATE) {
            if (m.body().length > limit) {
                throw TlsAlertException.illegalParameter("Certificate of " + m.body().length
                        + " bytes exceeds our limit of " + limit);
            }
            return Certificate13.decode(m.reader());
        }
        if (m.type() != HandshakeType.COMPRESSED_CERTIFICATE) {
            return null;
        }
        if (offered.isEmpty()) {
            throw TlsAlertException.unexpectedMessage("CompressedCertificate, but we did not offer certificate compression");
        }
        CompressedCertificate cc = CompressedCertificate.decode(m.reader());
        CertificateCompression algorithm = CertificateCompression.fromId(cc.algorithm());
        if (algorithm == null || !offered.contains(algorithm)) {
            throw TlsAlertException.illegalParameter("CompressedCertificate uses algorithm " + cc.algorithm()
                    + ", which we did not offer (we offered " + offered + ")");
        }
        // The bound comes before any allocation: the declared length is the peer's claim, not a fact.
        if (cc.uncompressedLength() > limit) {
            throw TlsAlertException.illegalParameter("CompressedCertificate declares " + cc.uncompressedLength()
                    + " bytes, over our limit of " + limit + " (the same as for a plain Certificate)");
        }
        if (cc.uncompressedLength() == 0) {
            throw new TlsAlertException(AlertDescription.BAD_CERTIFICATE, "CompressedCertificate declares 0 bytes");
        }
        byte[] body;
        try {
            body = CertificateCodecs.decompress(algorithm, cc.compressed(), cc.uncompressedLength());
        } catch (DecompressionException e) {
            throw new TlsAlertException(AlertDescription.BAD_CERTIFICATE, "CompressedCertificate does not decompress: "
                    + e.getMessage(), e);
        }
        ctx.event(step, "Certificate received as CompressedCertificate (" + algorithm.rfcName() + "): "
                + cc.compressed().length + " → " + body.length + " bytes");
        return Certificate13.decode(TlsReader.of(Unpooled.wrappedBuffer(body), "Certificate (decompressed)"));
    }
}
