using System.Formats.Asn1;

namespace KmsActors.TestKit.Tests.Byok;

/// <summary>Reads the parts of a DER PKCS#8 PrivateKeyInfo the tests look at.</summary>
internal static class Pkcs8
{
    public const string IdEcPublicKey = "1.2.840.10045.2.1";

    /// <summary>The algorithm OID, the raw parameters TLV, and the privateKey octets.</summary>
    public static (string Algorithm, ReadOnlyMemory<byte> Parameters, byte[] PrivateKey) Read(byte[] der)
    {
        var reader = new AsnReader(der, AsnEncodingRules.DER);
        var info = reader.ReadSequence();
        reader.ThrowIfNotEmpty();
        Assert.Equal(0, (int)info.ReadInteger());
        var algorithmIdentifier = info.ReadSequence();
        var algorithm = algorithmIdentifier.ReadObjectIdentifier();
        var parameters = algorithmIdentifier.ReadEncodedValue();
        return (algorithm, parameters, info.ReadOctetString());
    }

    /// <summary>The named-curve OID, or null when the parameters are not an OID (explicit curve).</summary>
    public static string? NamedCurve(byte[] der)
    {
        var parameters = Read(der).Parameters;
        var reader = new AsnReader(parameters, AsnEncodingRules.DER);
        return reader.PeekTag().HasSameClassAndValue(Asn1Tag.ObjectIdentifier) ? reader.ReadObjectIdentifier() : null;
    }

    /// <summary>The publicKey [1] bit string of the RFC 5915 ECPrivateKey inside, or null when absent.</summary>
    public static byte[]? EcPublicPoint(byte[] der)
    {
        var ecPrivateKey = new AsnReader(Read(der).PrivateKey, AsnEncodingRules.DER).ReadSequence();
        Assert.Equal(1, (int)ecPrivateKey.ReadInteger());
        ecPrivateKey.ReadOctetString();
        var publicKeyTag = new Asn1Tag(TagClass.ContextSpecific, 1, isConstructed: true);
        while (ecPrivateKey.HasData)
        {
            if (ecPrivateKey.PeekTag().HasSameClassAndValue(publicKeyTag))
                return ecPrivateKey.ReadSequence(publicKeyTag).ReadBitString(out _);
            ecPrivateKey.ReadEncodedValue();
        }
        return null;
    }
}
