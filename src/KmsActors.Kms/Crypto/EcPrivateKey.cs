using System.Formats.Asn1;

namespace KmsActors.Kms.Crypto;

/// <summary>
/// An EC private key from PKCS#8: the curve named in the AlgorithmIdentifier or in RFC 5915's [0] parameters,
/// the private scalar, and the optional embedded public point in whatever encoding the producer chose.
/// </summary>
internal sealed record EcPrivateKey(string? CurveOid, bool HasExplicitParameters, byte[] D, byte[]? PublicPoint)
{
    public static EcPrivateKey FromPkcs8(Pkcs8PrivateKeyInfo info)
    {
        var (outerOid, outerExplicit) = ReadParameters(info.AlgorithmParameters);
        // Some SM2 producers put the SM2 OID in the algorithm itself rather than in its parameters.
        if (info.AlgorithmOid == EcCurve.Sm2Oid && outerOid is null && !outerExplicit)
            outerOid = EcCurve.Sm2Oid;

        var reader = new AsnReader(info.PrivateKey, AsnEncodingRules.BER);
        var key = reader.ReadSequence();
        reader.ThrowIfNotEmpty();
        if (key.ReadInteger() != 1)
            throw new FormatException("ECPrivateKey version must be 1 (RFC 5915).");
        var d = key.ReadOctetString();

        string? innerOid = null;
        var innerExplicit = false;
        byte[]? point = null;
        var parametersTag = new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true);
        var publicKeyTag = new Asn1Tag(TagClass.ContextSpecific, 1, isConstructed: true);
        if (key.HasData && key.PeekTag().HasSameClassAndValue(parametersTag))
        {
            var wrapped = key.ReadSequence(parametersTag);
            (innerOid, innerExplicit) = ReadParameters(wrapped.ReadEncodedValue());
            wrapped.ThrowIfNotEmpty();
        }
        if (key.HasData && key.PeekTag().HasSameClassAndValue(publicKeyTag))
        {
            var wrapped = key.ReadSequence(publicKeyTag);
            point = wrapped.ReadBitString(out var unusedBits);
            if (unusedBits != 0)
                throw new FormatException("EC public key BIT STRING has unused bits.");
            wrapped.ThrowIfNotEmpty();
        }
        key.ThrowIfNotEmpty();

        if (outerOid is not null && innerOid is not null && outerOid != innerOid)
            throw new FormatException("The curve in the algorithm identifier and in the ECPrivateKey differ.");

        return new EcPrivateKey(outerOid ?? innerOid, outerExplicit || innerExplicit, d, point);
    }

    /// <summary>ECParameters (RFC 5480): a namedCurve OID, or specifiedCurve (a SEQUENCE), or implicitCurve (NULL).</summary>
    private static (string? Oid, bool IsExplicit) ReadParameters(ReadOnlyMemory<byte>? encoded)
    {
        if (encoded is null)
            return (null, false);
        var reader = new AsnReader(encoded.Value, AsnEncodingRules.BER);
        var tag = reader.PeekTag();
        if (tag.HasSameClassAndValue(Asn1Tag.ObjectIdentifier))
        {
            var oid = reader.ReadObjectIdentifier();
            reader.ThrowIfNotEmpty();
            return (oid, false);
        }
        // specifiedCurve or implicitCurve: both are "not a named curve", which KMS rejects.
        return (null, true);
    }

    /// <summary>DER PKCS#8 for a named-curve key, with the uncompressed public point embedded (what OpenSSL writes).</summary>
    public static byte[] WritePkcs8(string curveOid, ReadOnlySpan<byte> d, ReadOnlySpan<byte> uncompressedPoint)
    {
        var key = new AsnWriter(AsnEncodingRules.DER);
        using (key.PushSequence())
        {
            key.WriteInteger(1);
            key.WriteOctetString(d);
            using (key.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 1, isConstructed: true)))
                key.WriteBitString(uncompressedPoint);
        }
        return Pkcs8PrivateKeyInfo.Write(Pkcs8PrivateKeyInfo.EcPublicKeyOid, EncodeOid(curveOid), key.Encode());
    }

    /// <summary>DER SubjectPublicKeyInfo (RFC 5480) with id-ecPublicKey and the named curve.</summary>
    public static byte[] WriteSubjectPublicKeyInfo(string curveOid, ReadOnlySpan<byte> uncompressedPoint)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(Pkcs8PrivateKeyInfo.EcPublicKeyOid);
                writer.WriteObjectIdentifier(curveOid);
            }
            writer.WriteBitString(uncompressedPoint);
        }
        return writer.Encode();
    }

    private static byte[] EncodeOid(string oid)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteObjectIdentifier(oid);
        return writer.Encode();
    }
}
