package io.reactls.crypto;

import java.math.BigInteger;
import java.security.InvalidKeyException;
import java.security.InvalidParameterException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECParameterSpec;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.RandomDSAKCalculator;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECFieldElement;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.util.BigIntegers;

/**
 * ECDSA on the NIST curves P-256 and P-384 on Bouncy Castle's lightweight special-form curve classes
 * ({@link CustomNamedCurves}): signing written here over its fixed-point comb (so that every random draw is the
 * caller's), verification by its {@link ECDSASigner}. Presented as a private JCA {@link Provider} so that
 * {@code SignatureScheme.sign/verify} take it like any other. Never registered with {@link java.security.Security}.
 *
 * <p>Why: a pure-Java handshake's CertificateVerify (sign on the server, verify on the client) is ECDSA P-256, and
 * per CPU-second Bouncy Castle's lightweight classes measured 7.0x SunEC's signing and 5.4x its verification on JDK
 * 17.0.15, 1.5x and 2.7x on Temurin 25.0.3 (P-384: 3-5x on both) ({@code PrimitiveCpuProbe ecdsa-p256-sign|verify jdk,bc-lw};
 * benchmarks/README.md). Bouncy Castle's own JCA provider is slower than both: it converts the JDK's key to a
 * generic curve, not the special-form one.
 *
 * <p>Side channels: signing computes k·G with Bouncy Castle's fixed-point comb (constant-time table lookups over
 * the constant-time {@code Nat256}/{@code Nat384} field arithmetic) and inverts k with its constant-time
 * {@code modOddInverse}; k is drawn from the caller's {@link SecureRandom} (as SunEC does), not derived per RFC 6979.
 * Keys this class cannot take — another curve, a key that is not an {@link ECPrivateKey} with its scalar readable
 * (an HSM or PKCS#11 handle) — are an {@link InvalidKeyException} at {@code init}, on which {@code SignatureScheme}
 * falls back to the JDK's provider selection.
 */
final class LightweightEcdsa extends Provider {

    private static final long serialVersionUID = 1L;

    /** The one instance reactls hands out. */
    static final LightweightEcdsa INSTANCE = new LightweightEcdsa();

    /** The curves taken, identified by the JDK key's order and cofactor (the generator is compared too). */
    private static final List<ECDomainParameters> CURVES = List.of(domain("secp256r1"), domain("secp384r1"));

    private LightweightEcdsa() {
        super("reactls-BouncyCastle-lightweight-ECDSA", "1.0", "ECDSA on Bouncy Castle's lightweight P-256/P-384");
        for (Map.Entry<String, String> e : Map.of("SHA256withECDSA", "SHA-256", "SHA384withECDSA", "SHA-384",
                "SHA512withECDSA", "SHA-512").entrySet()) {
            String hash = e.getValue();
            putService(new Service(this, "Signature", e.getKey(), Spi.class.getName(), null, null) {
                @Override
                public Object newInstance(Object constructorParameter) throws NoSuchAlgorithmException {
                    return new Spi(MessageDigest.getInstance(hash)); // the JDK's digests: SHA-NI intrinsics
                }
            });
        }
    }

    private static ECDomainParameters domain(String name) {
        X9ECParameters p = CustomNamedCurves.getByName(name);
        if (p.getCurve().getCoordinateSystem() != ECCurve.COORD_JACOBIAN) { // what Spi.affineX assumes
            throw new IllegalStateException(name + " is not in Jacobian coordinates");
        }
        return new ECDomainParameters(p.getCurve(), p.getG(), p.getN(), p.getH());
    }

    /** The special-form domain for a JDK key's parameters, or an {@link InvalidKeyException} when not one we take. */
    private static ECDomainParameters domainOf(ECParameterSpec spec) throws InvalidKeyException {
        if (spec != null) {
            for (ECDomainParameters d : CURVES) {
                if (d.getN().equals(spec.getOrder()) && d.getH().intValue() == spec.getCofactor()
                        && d.getG().getAffineXCoord().toBigInteger().equals(spec.getGenerator().getAffineX())
                        && d.getG().getAffineYCoord().toBigInteger().equals(spec.getGenerator().getAffineY())) {
                    return d;
                }
            }
        }
        throw new InvalidKeyException("not a P-256 or P-384 key");
    }

    /** One signature in progress: the JDK digest of the content, then the lightweight signer on the hash. */
    private static final class Spi extends SignatureSpi {

        private static final FixedPointCombMultiplier BASE_POINT = new FixedPointCombMultiplier();

        private final MessageDigest digest;
        private ECDSASigner signer;
        private BigInteger scalar;
        private SecureRandom random;
        private ECDomainParameters domain;

        Spi(MessageDigest digest) {
            this.digest = digest;
        }

        @Override
        protected void engineInitSign(PrivateKey key) throws InvalidKeyException {
            engineInitSign(key, null);
        }

        @Override
        protected void engineInitSign(PrivateKey key, SecureRandom random) throws InvalidKeyException {
            if (!(key instanceof ECPrivateKey ec) || ec.getS() == null) {
                throw new InvalidKeyException("needs an EC private key with a readable scalar");
            }
            domain = domainOf(ec.getParams());
            scalar = ec.getS();
            this.random = random != null ? random : new SecureRandom();
            signer = null;
            digest.reset();
        }

        @Override
        protected void engineInitVerify(PublicKey key) throws InvalidKeyException {
            if (!(key instanceof ECPublicKey ec)) {
                throw new InvalidKeyException("needs an EC public key");
            }
            domain = domainOf(ec.getParams());
            ECPoint q;
            try {
                q = domain.getCurve().validatePoint(ec.getW().getAffineX(), ec.getW().getAffineY());
            } catch (IllegalArgumentException offCurve) {
                throw new InvalidKeyException("public key is not a point of the curve", offCurve);
            }
            signer = new ECDSASigner();
            signer.init(false, new ECPublicKeyParameters(q, domain));
            scalar = null;
            digest.reset();
        }

        /**
         * The affine x of a Jacobian point, its Z inverted under a blinding factor from the signer's own random.
         * Bouncy Castle's {@code ECPoint.normalize()} does the same blinding but draws the factor from its JVM-wide
         * default {@link SecureRandom}, a fresh {@code NativePRNG} reading {@code /dev/urandom} on the event loop.
         */
        private BigInteger affineX(ECPoint q) {
            ECFieldElement blind = domain.getCurve().randomFieldElementMult(random);
            ECFieldElement zInverse = q.getZCoord(0).multiply(blind).invert().multiply(blind);
            return q.getRawXCoord().multiply(zInverse.square()).toBigInteger();
        }

        /** The hash as an integer, its leftmost bits kept when it is longer than the order (SEC 1, 4.1.3 step 5). */
        private static BigInteger messageToInteger(byte[] hash, BigInteger n) {
            BigInteger e = new BigInteger(1, hash);
            int excess = hash.length * 8 - n.bitLength();
            return excess > 0 ? e.shiftRight(excess) : e;
        }

        @Override
        protected void engineUpdate(byte b) {
            digest.update(b);
        }

        @Override
        protected void engineUpdate(byte[] b, int off, int len) {
            digest.update(b, off, len);
        }

        @Override
        protected byte[] engineSign() throws SignatureException {
            if (scalar == null) {
                throw new SignatureException("not initialised for signing");
            }
            BigInteger n = domain.getN();
            BigInteger e = messageToInteger(digest.digest(), n);
            RandomDSAKCalculator ks = new RandomDSAKCalculator();
            ks.init(n, random);
            BigInteger r;
            BigInteger s;
            do {
                BigInteger k;
                do {
                    k = ks.nextK();
                    r = affineX(BASE_POINT.multiply(domain.getG(), k)).mod(n);
                } while (r.signum() == 0);
                s = BigIntegers.modOddInverse(n, k).multiply(e.add(scalar.multiply(r))).mod(n);
            } while (s.signum() == 0);
            try {
                return StandardDSAEncoding.INSTANCE.encode(n, r, s);
            } catch (java.io.IOException encoding) {
                throw new SignatureException(encoding);
            }
        }

        @Override
        protected boolean engineVerify(byte[] signature) throws SignatureException {
            byte[] hash = digest.digest();
            BigInteger[] rs;
            try {
                // Strict DER: the encoding must be exactly what re-encoding (r, s) gives; r and s in [1, n-1].
                rs = StandardDSAEncoding.INSTANCE.decode(domain.getN(), signature);
            } catch (java.io.IOException | IllegalArgumentException malformed) {
                throw new SignatureException("malformed ECDSA signature", malformed);
            }
            return signer.verifySignature(hash, rs[0], rs[1]);
        }

        @Override
        @Deprecated
        protected void engineSetParameter(String param, Object value) {
            throw new InvalidParameterException("no parameters");
        }

        @Override
        @Deprecated
        protected Object engineGetParameter(String param) {
            throw new InvalidParameterException("no parameters");
        }
    }
}
