package io.reactls.handshake.tls12;

import io.reactls.crypto.CipherSuites;
import io.reactls.crypto.AeadAlgorithm;
import io.reactls.crypto.AeadBackend;
import io.reactls.CipherSuite;
import io.reactls.crypto.Tls12Exporter;
import io.reactls.crypto.Tls12Prf;
import io.reactls.handshake.KeyingMaterialExporter;
import io.reactls.record.RecordProtection;
import io.reactls.handshake.TlsConfig;
import io.reactls.record.Tls12AeadProtection;
import io.reactls.record.Tls12CbcProtection;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The TLS 1.2 key schedule of step ⑤ (RFC 5246 §6.3, §8.1; RFC 7627 §4): pre-master → master secret → key block →
 * one record protection per direction, plus the Finished verify_data.
 */
public final class Tls12KeySchedule {

    private static final int VERIFY_DATA_LENGTH = 12;

    private final CipherSuite suite;
    private final byte[] masterSecret;
    private final byte[] clientRandom;
    private final byte[] serverRandom;

    private Tls12KeySchedule(CipherSuite suite, byte[] masterSecret, byte[] clientRandom, byte[] serverRandom) {
        this.suite = suite;
        this.masterSecret = masterSecret;
        this.clientRandom = clientRandom;
        this.serverRandom = serverRandom;
    }

    /**
     * @param sessionHash the transcript hash through ClientKeyExchange when extended master secret was negotiated,
     *                    else null for the classic derivation from the randoms
     */
    public static Tls12KeySchedule fromPreMaster(CipherSuite suite, byte[] preMaster, byte[] clientRandom,
                                                 byte[] serverRandom, byte[] sessionHash) {
        byte[] master = sessionHash != null
                ? Tls12Prf.extendedMasterSecret(CipherSuites.hash(suite), preMaster, sessionHash)
                : Tls12Prf.masterSecret(CipherSuites.hash(suite), preMaster, clientRandom, serverRandom);
        Arrays.fill(preMaster, (byte) 0);
        return new Tls12KeySchedule(suite, master, clientRandom, serverRandom);
    }

    /** An abbreviated handshake (session resumption): the master secret comes from the cached session. */
    public static Tls12KeySchedule fromMaster(CipherSuite suite, byte[] masterSecret, byte[] clientRandom, byte[] serverRandom) {
        return new Tls12KeySchedule(suite, masterSecret.clone(), clientRandom, serverRandom);
    }

    /** The master secret, for the session cache. */
    byte[] masterSecret() {
        return masterSecret.clone();
    }

    /** The client's write protection for an AEAD suite (CBC suites need {@link #clientWrite(TlsConfig, boolean)}). */
    public RecordProtection clientWrite(AeadBackend backend) {
        return aeadProtection(backend, true);
    }

    public RecordProtection serverWrite(AeadBackend backend) {
        return aeadProtection(backend, false);
    }

    /** The client's write protection (the server's read protection); {@code encryptThenMac} matters to CBC suites only. */
    public RecordProtection clientWrite(TlsConfig config, boolean encryptThenMac) {
        return protection(config, encryptThenMac, true);
    }

    public RecordProtection serverWrite(TlsConfig config, boolean encryptThenMac) {
        return protection(config, encryptThenMac, false);
    }

    private RecordProtection protection(TlsConfig config, boolean encryptThenMac, boolean client) {
        return suite.isCbc() ? cbcProtection(config, encryptThenMac, client) : aeadProtection(config.aeadBackend(), client);
    }

    private RecordProtection aeadProtection(AeadBackend backend, boolean client) {
        if (suite.isCbc()) {
            throw new IllegalStateException(suite + " needs the config's SecureRandom and the encrypt-then-MAC choice");
        }
        AeadAlgorithm aead = CipherSuites.aead(suite);
        int keyLen = aead.keyLength();
        int ivLen = aead.fixedIvLength();
        byte[] block = Tls12Prf.keyBlock(CipherSuites.hash(suite), masterSecret, serverRandom, clientRandom, 2 * keyLen + 2 * ivLen);
        // key_block = client_write_key | server_write_key | client_write_IV | server_write_IV (AEAD: no MAC keys)
        byte[] key = Arrays.copyOfRange(block, client ? 0 : keyLen, client ? keyLen : 2 * keyLen);
        int ivAt = 2 * keyLen + (client ? 0 : ivLen);
        byte[] iv = Arrays.copyOfRange(block, ivAt, ivAt + ivLen);
        Arrays.fill(block, (byte) 0);
        return new Tls12AeadProtection(aead, backend, key, iv);
    }

    /** key_block = client MAC key | server MAC key | client key | server key (TLS 1.2 CBC has no IVs in it). */
    private RecordProtection cbcProtection(TlsConfig config, boolean encryptThenMac, boolean client) {
        int macLen = CipherSuites.mac(suite).length();
        int keyLen = CipherSuites.cbc(suite).keyLength();
        byte[] block = Tls12Prf.keyBlock(CipherSuites.hash(suite), masterSecret, serverRandom, clientRandom, 2 * macLen + 2 * keyLen);
        int macAt = client ? 0 : macLen;
        int keyAt = 2 * macLen + (client ? 0 : keyLen);
        byte[] macKey = Arrays.copyOfRange(block, macAt, macAt + macLen);
        byte[] key = Arrays.copyOfRange(block, keyAt, keyAt + keyLen);
        Arrays.fill(block, (byte) 0);
        RecordProtection p = new Tls12CbcProtection(CipherSuites.cbc(suite), CipherSuites.mac(suite), key, macKey, encryptThenMac, config.random());
        Arrays.fill(key, (byte) 0);
        Arrays.fill(macKey, (byte) 0);
        return p;
    }

    public byte[] verifyData(boolean client, byte[] transcriptHash) {
        return Tls12Prf.verifyData(CipherSuites.hash(suite), masterSecret, client ? "client finished" : "server finished", transcriptHash);
    }

    /** Constant-time comparison of a received verify_data. */
    public boolean checkVerifyData(boolean client, byte[] transcriptHash, byte[] received) {
        return received.length == VERIFY_DATA_LENGTH && MessageDigest.isEqual(verifyData(client, transcriptHash), received);
    }

    /**
     * The RFC 5705 exporter, offered only with extended master secret: without it the master secret is not bound to
     * the handshake (RFC 7627 §5.4), so a man in the middle could hold the same exported keys.
     */
    public KeyingMaterialExporter exporter(boolean extendedMasterSecret) {
        if (!extendedMasterSecret) {
            return (label, context, length) -> {
                throw new IllegalStateException("keying material export needs the extended master secret (RFC 7627), "
                        + "which this TLS 1.2 session did not negotiate");
            };
        }
        byte[] master = masterSecret.clone();
        byte[] cr = clientRandom.clone();
        byte[] sr = serverRandom.clone();
        return (label, context, length) -> Tls12Exporter.export(CipherSuites.hash(suite), master, label, cr, sr, context, length);
    }

    public int verifyDataLength() {
        return VERIFY_DATA_LENGTH;
    }
}
