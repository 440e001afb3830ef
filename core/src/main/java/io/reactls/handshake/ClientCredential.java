package io.reactls.handshake;

import io.reactls.KeyMaterial;
import io.reactls.SignatureScheme;
import io.reactls.cert.CertificateSignatures;
import java.security.PublicKey;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import javax.security.auth.x500.X500Principal;

/**
 * The client chain that answers a CertificateRequest, and the scheme its CertificateVerify signs with. Of the
 * client's key materials, those whose key can make a scheme the server accepts are candidates; among them the first
 * whose chain is issued by a CA the server names (certificate_authorities, RFC 8446 §4.2.4) wins, then the first
 * whose signatures the server accepts (signature_algorithms_cert, or signature_algorithms, §4.2.3), then the first.
 * Both are SHOULDs for the client, so a chain that fits neither is still sent and the server decides.
 *
 * @param keyMaterial the chain and key to send
 * @param scheme      the CertificateVerify scheme
 * @param why         how it was chosen, for the handshake events
 */
public record ClientCredential(KeyMaterial keyMaterial, SignatureScheme scheme, String why) {

    /**
     * Chooses among {@code ctx}'s key materials, or returns null when none can sign for this server.
     *
     * @param schemeFor          the CertificateVerify scheme a key can make for this request (null: none)
     * @param certificateSchemes the code points the server accepts in certificate signatures
     * @param authorities        the CAs the server names (empty: no preference)
     */
    public static ClientCredential choose(HandshakeContext ctx, Function<PublicKey, SignatureScheme> schemeFor,
                                          List<Integer> certificateSchemes, List<X500Principal> authorities) {
        List<SignatureScheme> accepted = certificateSchemes.stream().map(SignatureScheme::fromId).filter(Objects::nonNull).toList();
        ClientCredential best = null;
        int bestRank = -1;
        for (KeyMaterial km : ctx.config().keyMaterials()) {
            SignatureScheme scheme = schemeFor.apply(km.publicKey());
            if (scheme == null) {
                continue;
            }
            boolean named = !authorities.isEmpty() && CertificateSignatures.issuedByAny(km.chain(), authorities);
            boolean signedAcceptably = CertificateSignatures.signedOutside(km.chain(), accepted).isEmpty();
            int rank = (named ? 2 : 0) + (signedAcceptably ? 1 : 0);
            if (rank > bestRank) {
                bestRank = rank;
                best = new ClientCredential(km, scheme, (named ? "issued by a CA the server names" : authorities.isEmpty()
                        ? "the server names no CA" : "issued by no CA the server names")
                        + (signedAcceptably ? "" : ", signed with a scheme outside the server's list"));
            }
        }
        return best;
    }

    /** The peer's signature_algorithms_cert when it sent one (RFC 8446 §4.2.3), else its signature_algorithms. */
    public static List<Integer> certificateSchemes(List<Integer> signatureAlgorithmsCert, List<Integer> signatureAlgorithms) {
        return signatureAlgorithmsCert != null ? signatureAlgorithmsCert : signatureAlgorithms;
    }
}
