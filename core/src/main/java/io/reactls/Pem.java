package io.reactls;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * Reads and writes PEM, the text form of key material that openssl, GnuTLS and most servers use: certificate chains,
 * and private keys as PKCS#8 ("PRIVATE KEY"), PKCS#1 ("RSA PRIVATE KEY"), SEC1 ("EC PRIVATE KEY") and encrypted PKCS#8
 * ("ENCRYPTED PRIVATE KEY"). Keys are always written as unencrypted PKCS#8. Every error is a
 * {@link KeyMaterialException} naming its source (a path or a label).
 * <p>
 * {@link KeyMaterial#fromPem} and {@link TrustAnchors#fromPem} read through this class; use it directly for a chain
 * alone (the certificates of a {@link KeyMaterial#remote} key) or to write files another tool reads.
 */
public final class Pem {

    /**
     * A private instance, never registered globally: decrypting PKCS#8 needs PBE schemes the JDK may lack,
     * and registering BC would change which provider the rest of the JVM gets.
     */
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private Pem() {
    }

    /**
     * All certificates in a PEM file, in file order (a chain file is leaf first).
     *
     * @param path a PEM file
     * @return its certificates
     * @throws KeyMaterialException when the file cannot be read or holds no certificate
     */
    public static List<X509Certificate> readCertificates(Path path) {
        return parseCertificates(read(path), path.toString());
    }

    /**
     * All certificates in PEM text; {@code source} names the text in error messages.
     *
     * @param pem PEM text
     * @param source what to call the text in error messages
     * @return its certificates
     * @throws KeyMaterialException when the text holds no certificate or a malformed one
     */
    public static List<X509Certificate> parseCertificates(String pem, String source) {
        List<X509Certificate> certificates = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        for (Object object : parseAll(pem, source)) {
            if (object instanceof X509CertificateHolder holder) {
                try {
                    certificates.add(converter.getCertificate(holder));
                } catch (CertificateException e) {
                    throw new KeyMaterialException(
                            "certificate #" + (certificates.size() + 1) + " in " + source + " is malformed: "
                                    + e.getMessage(), e);
                }
            }
        }
        if (certificates.isEmpty()) {
            throw new KeyMaterialException(source + " contains no PEM CERTIFICATE block");
        }
        return List.copyOf(certificates);
    }

    /**
     * The one unencrypted private key in a PEM file.
     *
     * @param path a PEM file
     * @return its private key
     * @throws KeyMaterialException when the file holds no key, more than one, or an encrypted one
     */
    public static PrivateKey readPrivateKey(Path path) {
        return parsePrivateKey(read(path), path.toString(), null);
    }

    /**
     * The one private key in a PEM file, decrypting it with {@code password} if it is encrypted.
     *
     * @param path a PEM file
     * @param password the key's password, or null for an unencrypted key
     * @return its private key
     * @throws KeyMaterialException when the file holds no key or more than one, or the password is wrong
     */
    public static PrivateKey readPrivateKey(Path path, char[] password) {
        return parsePrivateKey(read(path), path.toString(), password);
    }

    /**
     * The one private key in PEM text. {@code password} may be null for unencrypted keys.
     * Other blocks (certificates, EC PARAMETERS) are skipped; two keys are an error, since which to use is unclear.
     *
     * @param pem PEM text
     * @param source what to call the text in error messages
     * @param password the key's password, or null
     * @return the private key
     * @throws KeyMaterialException when the text holds no key or more than one, or the password is wrong
     */
    public static PrivateKey parsePrivateKey(String pem, String source, char[] password) {
        PrivateKey found = null;
        for (Object object : parseAll(pem, source)) {
            PrivateKey key = toPrivateKey(object, source, password);
            if (key == null) {
                continue;
            }
            if (found != null) {
                throw new KeyMaterialException(source + " contains more than one private key");
            }
            found = key;
        }
        if (found == null) {
            throw new KeyMaterialException(source + " contains no private key (expected a PEM block PRIVATE KEY, "
                    + "RSA PRIVATE KEY, EC PRIVATE KEY or ENCRYPTED PRIVATE KEY)");
        }
        return found;
    }

    /**
     * Certificates as concatenated PEM CERTIFICATE blocks.
     *
     * @param certificates the certificates, in the order to write
     * @return PEM text
     */
    public static String encodeCertificates(List<X509Certificate> certificates) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            for (X509Certificate certificate : certificates) {
                writer.writeObject(certificate);
            }
        } catch (IOException e) {
            throw new KeyMaterialException("cannot encode certificates as PEM: " + e.getMessage(), e);
        }
        return out.toString();
    }

    /**
     * A private key as an unencrypted PKCS#8 PEM block ("PRIVATE KEY"), which every tool reads.
     *
     * @param key the key
     * @return PEM text
     * @throws KeyMaterialException when the key cannot be exported (a key held in a token)
     */
    public static String encodePrivateKey(PrivateKey key) {
        byte[] der = key.getEncoded();
        if (der == null || !"PKCS#8".equals(key.getFormat())) {
            throw new KeyMaterialException("private key (" + key.getAlgorithm() + ") cannot be exported as PKCS#8");
        }
        if (key instanceof java.security.interfaces.ECPrivateKey ec) {
            der = withPublicKey(ec, der);
        }
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(new PemObject("PRIVATE KEY", der));
        } catch (IOException e) {
            throw new KeyMaterialException("cannot encode private key as PEM: " + e.getMessage(), e);
        }
        return out.toString();
    }

    /**
     * The JDK's PKCS#8 encoding of an EC key leaves out the optional public key, which GnuTLS requires; add it
     * back (as openssl writes it) by computing Q = d·G on the key's named curve.
     */
    private static byte[] withPublicKey(java.security.interfaces.ECPrivateKey key, byte[] der) {
        try {
            org.bouncycastle.asn1.pkcs.PrivateKeyInfo info = org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(der);
            org.bouncycastle.asn1.ASN1Encodable params = info.getPrivateKeyAlgorithm().getParameters();
            if (!(params instanceof org.bouncycastle.asn1.ASN1ObjectIdentifier curve)) {
                return der; // explicit curve parameters: leave as the JDK wrote it
            }
            org.bouncycastle.asn1.x9.X9ECParameters x9 = org.bouncycastle.asn1.x9.ECNamedCurveTable.getByOID(curve);
            if (x9 == null) {
                return der;
            }
            byte[] q = x9.getG().multiply(key.getS()).normalize().getEncoded(false);
            org.bouncycastle.asn1.sec.ECPrivateKey sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(
                    x9.getN().bitLength(), key.getS(), new org.bouncycastle.asn1.DERBitString(q), null);
            return new org.bouncycastle.asn1.pkcs.PrivateKeyInfo(info.getPrivateKeyAlgorithm(), sec1).getEncoded("DER");
        } catch (IOException e) {
            throw new KeyMaterialException("cannot encode EC private key: " + e.getMessage(), e);
        }
    }

    /**
     * Writes certificates as concatenated PEM CERTIFICATE blocks.
     *
     * @param path the file to write (replaced)
     * @param certificates the certificates, in the order to write
     */
    public static void writeCertificates(Path path, List<X509Certificate> certificates) {
        write(path, encodeCertificates(certificates));
    }

    /**
     * Writes the key as PKCS#8 PEM; on POSIX file systems the file is readable by its owner only.
     *
     * @param path the file to write (replaced)
     * @param key the key
     */
    public static void writePrivateKey(Path path, PrivateKey key) {
        String pem = encodePrivateKey(key);
        try {
            Files.deleteIfExists(path);
            if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
        } catch (IOException e) {
            throw new KeyMaterialException("cannot create " + path + ": " + e, e);
        }
        write(path, pem);
    }

    private static PrivateKey toPrivateKey(Object object, String source, char[] password) {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try {
            if (object instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            if (object instanceof PEMKeyPair pair) {
                // Only the private part: SEC1 keys may omit the optional public key, leaving no pair to convert.
                return converter.getPrivateKey(pair.getPrivateKeyInfo());
            }
            if (object instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
                requirePassword(password, source);
                return converter.getPrivateKey(encrypted.decryptPrivateKeyInfo(
                        new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BC).build(password)));
            }
            if (object instanceof PEMEncryptedKeyPair encrypted) {
                requirePassword(password, source);
                return converter.getPrivateKey(encrypted.decryptKeyPair(
                        new JcePEMDecryptorProviderBuilder().setProvider(BC).build(password)).getPrivateKeyInfo());
            }
            return null;
        } catch (PKCSException | OperatorCreationException e) {
            throw new KeyMaterialException("cannot decrypt the private key in " + source
                    + " (wrong password or unsupported encryption): " + e.getMessage(), e);
        } catch (PEMException e) {
            throw new KeyMaterialException("the private key in " + source + " is malformed or of an unsupported type: "
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new KeyMaterialException("cannot decrypt the private key in " + source
                    + " (wrong password?): " + e.getMessage(), e);
        }
    }

    private static void requirePassword(char[] password, String source) {
        if (password == null) {
            throw new KeyMaterialException("the private key in " + source + " is encrypted and no password was given");
        }
    }

    private static List<Object> parseAll(String pem, String source) {
        if (!pem.contains("-----BEGIN ")) {
            throw new KeyMaterialException(source + " is not PEM: it has no '-----BEGIN' line (DER files must be "
                    + "converted, e.g. with openssl x509 -inform der)");
        }
        List<Object> objects = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                objects.add(object);
            }
        } catch (IOException | RuntimeException e) {
            // BC reports broken base64 or DER as IOException or as unchecked exceptions; both mean bad input.
            throw new KeyMaterialException(source + " is not valid PEM: " + e.getMessage(), e);
        }
        return objects;
    }

    private static String read(Path path) {
        try {
            // Latin-1 never fails to decode, so a binary (DER) file is reported as "not PEM", not as a charset error.
            return Files.readString(path, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new KeyMaterialException("cannot read " + path + ": " + e, e);
        }
    }

    private static void write(Path path, String text) {
        try {
            Files.writeString(path, text, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new KeyMaterialException("cannot write " + path + ": " + e, e);
        }
    }
}
