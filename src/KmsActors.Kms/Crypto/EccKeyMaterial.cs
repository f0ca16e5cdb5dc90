using System.Security.Cryptography;
using KmsActors.Kms.Model;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;

namespace KmsActors.Kms.Crypto;

/// <summary>
/// NIST and secp256k1 ECC material: ECDSA with the one hash AWS pairs with the curve; signatures are DER
/// (RFC 3279 Ecdsa-Sig-Value), as KMS returns them; ECDH for KEY_AGREEMENT keys (<see cref="EcdhAgreement"/>).
/// </summary>
public sealed class EccKeyMaterial : IKeyMaterial
{
    private readonly ECDsa _ecdsa;
    private readonly EcCurve _curve;
    private readonly BcBigInteger _d;

    public EccKeyMaterial(KeySpec spec, ReadOnlySpan<byte> pkcs8PrivateKey)
    {
        _curve = EcCurve.ForSpec(spec) is { } c && spec != KeySpec.SM2
            ? c
            : throw new ArgumentOutOfRangeException(nameof(spec), spec, "Not an ECDSA key spec.");
        Spec = spec;
        // Parsed by hand: .NET's PKCS#8 import refuses a compressed embedded public point, which AWS accepts.
        var key = EcPrivateKey.FromPkcs8(Pkcs8PrivateKeyInfo.Parse(pkcs8PrivateKey.ToArray()));
        if (key.CurveOid != _curve.Oid)
            throw new ArgumentException($"Key material is not on {_curve.Describe()}.", nameof(pkcs8PrivateKey));
        _d = new BcBigInteger(1, key.D);
        _ecdsa = ECDsa.Create();
        _ecdsa.ImportParameters(new ECParameters { Curve = _curve.DotNetCurve, D = KeyMaterialValidator.LeftPad(key.D, _curve.FieldBytes) });
        PublicKeyDer = _ecdsa.ExportSubjectPublicKeyInfo();
    }

    public KeySpec Spec { get; }

    public byte[]? PublicKeyDer { get; }

    public SigningAlgorithmSpec SigningAlgorithm => _curve.SigningAlgorithm;

    public byte[] Sign(SigningAlgorithmSpec algorithm, MessageType messageType, ReadOnlySpan<byte> message)
    {
        var digest = Digest(algorithm, messageType, message);
        return _ecdsa.SignHash(digest, DSASignatureFormat.Rfc3279DerSequence);
    }

    /// <summary>True when the DER signature verifies (callers answer KMSInvalidSignatureException on false).</summary>
    public bool Verify(SigningAlgorithmSpec algorithm, MessageType messageType, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        var digest = Digest(algorithm, messageType, message);
        try
        {
            return _ecdsa.VerifyHash(digest, signature, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>The raw ECDH shared secret with the peer's DER SubjectPublicKeyInfo (ValidationException when it is
    /// not one, or not a point on this key's curve).</summary>
    public byte[] DeriveSharedSecret(ReadOnlySpan<byte> peerSubjectPublicKeyInfo) => EcdhAgreement.Derive(_curve, _d, peerSubjectPublicKeyInfo);

    public void Dispose() => _ecdsa.Dispose();

    private byte[] Digest(SigningAlgorithmSpec algorithm, MessageType messageType, ReadOnlySpan<byte> message)
    {
        if (algorithm != _curve.SigningAlgorithm)
            throw CryptoErrors.Incompatible(algorithm, Spec);
        return SignatureDigests.Digest(algorithm, messageType, message);
    }
}
