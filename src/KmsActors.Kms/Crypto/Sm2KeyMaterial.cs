using KmsActors.Kms.Model;
using Org.BouncyCastle.Math.EC;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;

namespace KmsActors.Kms.Crypto;

/// <summary>SM2 material (China Regions): SM2DSA signatures, SM2PKE encryption and ECDH key agreement through BouncyCastle.</summary>
public sealed class Sm2KeyMaterial : IKeyMaterial
{
    private readonly BcBigInteger _d;
    private readonly ECPoint _publicPoint;

    public Sm2KeyMaterial(ReadOnlySpan<byte> pkcs8PrivateKey)
    {
        var key = EcPrivateKey.FromPkcs8(Pkcs8PrivateKeyInfo.Parse(pkcs8PrivateKey.ToArray()));
        if (key.CurveOid != EcCurve.Sm2Oid)
            throw new ArgumentException("Key material is not on the SM2 curve.", nameof(pkcs8PrivateKey));
        _d = new BcBigInteger(1, key.D);
        if (!Sm2Curve.IsValidScalar(_d))
            throw new ArgumentException("SM2 private scalar out of range.", nameof(pkcs8PrivateKey));
        _publicPoint = Sm2Curve.PublicPoint(_d);
        PublicKeyDer = EcPrivateKey.WriteSubjectPublicKeyInfo(EcCurve.Sm2Oid, _publicPoint.GetEncoded(false));
    }

    public KeySpec Spec => KeySpec.SM2;

    public byte[]? PublicKeyDer { get; }

    public byte[] Sign(SigningAlgorithmSpec algorithm, MessageType messageType, ReadOnlySpan<byte> message) =>
        Sm2Signature.SignDigest(_d, Digest(algorithm, messageType, message));

    /// <summary>True when the signature verifies (callers answer KMSInvalidSignatureException on false).</summary>
    public bool Verify(SigningAlgorithmSpec algorithm, MessageType messageType, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature) =>
        Sm2Signature.VerifyDigest(_publicPoint, Digest(algorithm, messageType, message), signature);

    public byte[] Encrypt(EncryptionAlgorithmSpec algorithm, ReadOnlySpan<byte> plaintext)
    {
        if (algorithm != EncryptionAlgorithmSpec.SM2PKE)
            throw CryptoErrors.Incompatible(algorithm, Spec);
        if (plaintext.Length > Sm2Pke.MaxPlaintextLength)
            throw Sm2Pke.TooLarge();
        return Sm2Pke.Encrypt(_publicPoint, plaintext);
    }

    public byte[] Decrypt(EncryptionAlgorithmSpec algorithm, ReadOnlySpan<byte> ciphertext)
    {
        if (algorithm != EncryptionAlgorithmSpec.SM2PKE)
            throw CryptoErrors.Incompatible(algorithm, Spec);
        return Sm2Pke.Decrypt(_d, ciphertext);
    }

    /// <summary>The raw ECDH shared secret with the peer's DER SubjectPublicKeyInfo on the SM2 curve.</summary>
    public byte[] DeriveSharedSecret(ReadOnlySpan<byte> peerSubjectPublicKeyInfo) => EcdhAgreement.Derive(EcCurve.Sm2, _d, peerSubjectPublicKeyInfo);

    public void Dispose()
    {
        // BouncyCastle big integers are immutable and cannot be wiped; nothing else to release.
    }

    /// <summary>AWS SM2DSA: RAW → e = SM3(Z_A ‖ M) computed here; DIGEST → the caller's 32-byte e.</summary>
    private byte[] Digest(SigningAlgorithmSpec algorithm, MessageType messageType, ReadOnlySpan<byte> message)
    {
        if (algorithm != SigningAlgorithmSpec.SM2DSA)
            throw CryptoErrors.Incompatible(algorithm, Spec);
        return messageType switch
        {
            MessageType.RAW => Sm2Signature.MessageDigest(_publicPoint, message),
            MessageType.DIGEST when message.Length == 32 => message.ToArray(),
            MessageType.DIGEST => throw CryptoErrors.DigestLength(algorithm),
            _ => throw KmsException.Validation($"MessageType {messageType} is not valid with algorithm {algorithm}; use RAW or DIGEST."),
        };
    }
}
