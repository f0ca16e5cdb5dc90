using System.Formats.Asn1;
using KmsActors.Kms.Model;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Math.EC;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;

namespace KmsActors.Kms.Crypto;

/// <summary>
/// DeriveSharedSecret's ECDH (docs/derive-shared-secret.md): the peer's DER SubjectPublicKeyInfo is read, its curve
/// must be the KMS key's, its point must lie on that curve; the raw shared secret is the x-coordinate of d·Q in the
/// curve's field size (the cofactor Diffie-Hellman primitive; every curve KMS offers has cofactor 1).
/// Done through BouncyCastle for all curves alike: it decodes compressed points and has SM2.
/// </summary>
internal static class EcdhAgreement
{
    private const string EcPublicKeyOid = "1.2.840.10045.2.1";

    public static byte[] Derive(EcCurve curve, BcBigInteger d, ReadOnlySpan<byte> peerSubjectPublicKeyInfo)
    {
        var parameters = ParametersOf(curve);
        var peer = PeerPoint(curve, parameters, peerSubjectPublicKeyInfo);
        var shared = peer.Multiply(d).Normalize();
        if (shared.IsInfinity)
            throw InvalidPoint(curve);
        return shared.AffineXCoord.GetEncoded();
    }

    private static X9ECParameters ParametersOf(EcCurve curve) =>
        curve.Spec == KeySpec.SM2 ? Sm2Curve.X9 : ECNamedCurveTable.GetByOid(new DerObjectIdentifier(curve.Oid))
            ?? throw new InvalidOperationException($"BouncyCastle has no curve {curve.Describe()}.");

    /// <summary>The peer's point Q, on <paramref name="curve"/> and not the point at infinity.</summary>
    private static ECPoint PeerPoint(EcCurve curve, X9ECParameters parameters, ReadOnlySpan<byte> spki)
    {
        var (algorithm, curveOid, point) = ReadSubjectPublicKeyInfo(spki);
        // SM2 public keys name the curve in the parameters of id-ecPublicKey; some producers put the SM2 OID in the
        // algorithm itself instead (as EcPrivateKey accepts for private keys).
        var onCurve = algorithm == EcPublicKeyOid ? curveOid : algorithm == EcCurve.Sm2Oid && curveOid is null ? EcCurve.Sm2Oid : null;
        if (onCurve != curve.Oid)
            throw WrongCurve(curve);
        try
        {
            var q = parameters.Curve.DecodePoint(point);
            if (q.IsInfinity || !q.IsValid())
                throw InvalidPoint(curve);
            return q;
        }
        catch (ArgumentException)
        {
            throw InvalidPoint(curve);
        }
    }

    /// <summary>RFC 5280 SubjectPublicKeyInfo: the algorithm OID, its parameters when they are an OID (a named
    /// curve), and the subject public key bits. Anything else is not an SPKI.</summary>
    private static (string Algorithm, string? CurveOid, byte[] Point) ReadSubjectPublicKeyInfo(ReadOnlySpan<byte> spki)
    {
        try
        {
            var reader = new AsnReader(spki.ToArray(), AsnEncodingRules.DER);
            var info = reader.ReadSequence();
            reader.ThrowIfNotEmpty();
            var algorithmIdentifier = info.ReadSequence();
            var algorithm = algorithmIdentifier.ReadObjectIdentifier();
            string? curveOid = null;
            if (algorithmIdentifier.HasData)
            {
                if (algorithmIdentifier.PeekTag().HasSameClassAndValue(Asn1Tag.ObjectIdentifier))
                    curveOid = algorithmIdentifier.ReadObjectIdentifier();
                else
                    algorithmIdentifier.ReadEncodedValue(); // explicit curve parameters or NULL: no named curve
            }
            algorithmIdentifier.ThrowIfNotEmpty();
            var point = info.ReadBitString(out var unusedBits);
            info.ThrowIfNotEmpty();
            if (unusedBits != 0)
                throw NotSubjectPublicKeyInfo();
            return (algorithm, curveOid, point);
        }
        catch (AsnContentException)
        {
            throw NotSubjectPublicKeyInfo();
        }
    }

    private static KmsException NotSubjectPublicKeyInfo() =>
        KmsException.Validation("PublicKey must be a DER-encoded X.509 public key (SubjectPublicKeyInfo, RFC 5280).");

    private static KmsException WrongCurve(EcCurve curve) =>
        KmsException.Validation($"PublicKey must be an elliptic curve public key on the curve of the KMS key: key spec {curve.Spec} uses {curve.Name}.");

    private static KmsException InvalidPoint(EcCurve curve) =>
        KmsException.Validation($"PublicKey is not a valid point on {curve.Name}, the curve of key spec {curve.Spec}.");
}
