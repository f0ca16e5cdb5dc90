using System.Formats.Asn1;

namespace KmsActors.Kms.Crypto;

/// <summary>
/// The outer PKCS#8 PrivateKeyInfo (RFC 5208 / RFC 5958). Read with BER rules because AWS accepts BER as well as DER.
/// Throws <see cref="AsnContentException"/> or <see cref="FormatException"/> on anything malformed.
/// </summary>
internal sealed record Pkcs8PrivateKeyInfo(string AlgorithmOid, ReadOnlyMemory<byte>? AlgorithmParameters, byte[] PrivateKey)
{
    public const string RsaEncryptionOid = "1.2.840.113549.1.1.1";
    public const string EcPublicKeyOid = "1.2.840.10045.2.1";

    public static Pkcs8PrivateKeyInfo Parse(ReadOnlyMemory<byte> encoded)
    {
        var outer = new AsnReader(encoded, AsnEncodingRules.BER);
        var info = outer.ReadSequence();
        outer.ThrowIfNotEmpty();

        var version = info.ReadInteger();
        if (version != 0 && version != 1)
            throw new FormatException("Unknown PrivateKeyInfo version.");

        var algorithm = info.ReadSequence();
        var oid = algorithm.ReadObjectIdentifier();
        ReadOnlyMemory<byte>? parameters = algorithm.HasData ? algorithm.ReadEncodedValue() : null;
        algorithm.ThrowIfNotEmpty();

        var privateKey = info.ReadOctetString();

        // Optional [0] attributes and (OneAsymmetricKey v2) [1] publicKey carry nothing we need.
        while (info.HasData)
        {
            var tag = info.PeekTag();
            if (tag.TagClass != TagClass.ContextSpecific || tag.TagValue > 1)
                throw new FormatException("Unexpected element in PrivateKeyInfo.");
            info.ReadEncodedValue();
        }

        return new Pkcs8PrivateKeyInfo(oid, parameters, privateKey);
    }

    /// <summary>A DER PrivateKeyInfo (version 0) around <paramref name="privateKey"/>.</summary>
    public static byte[] Write(string algorithmOid, ReadOnlySpan<byte> encodedParameters, ReadOnlySpan<byte> privateKey)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(0);
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(algorithmOid);
                if (!encodedParameters.IsEmpty)
                    writer.WriteEncodedValue(encodedParameters);
            }
            writer.WriteOctetString(privateKey);
        }
        return writer.Encode();
    }
}
