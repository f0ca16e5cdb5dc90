using System.Formats.Asn1;

namespace KmsActors.TestKit.Byok;

/// <summary>
/// Writes an EC private key as DER PKCS#8 (RFC 5208) wrapping an RFC 5915 ECPrivateKey, with the choices
/// .NET's own exporter does not offer: explicit curve parameters, a compressed public point, no public point.
/// </summary>
internal static class EcPrivateKeyEncoder
{
    private const string IdEcPublicKey = "1.2.840.10045.2.1";
    private const string PrimeField = "1.2.840.10045.1.1";

    /// <summary>How the embedded public point is written (SEC 1 §2.3.3).</summary>
    public enum PublicPoint
    {
        Uncompressed,
        Compressed,
        Omitted,
    }

    public static byte[] Encode(EcKeyValues key, bool explicitCurve, PublicPoint publicPoint)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(0);
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(IdEcPublicKey);
                if (explicitCurve)
                    WriteSpecifiedDomain(writer, key);
                else
                    writer.WriteObjectIdentifier(key.CurveOid);
            }
            writer.WriteOctetString(EncodeEcPrivateKey(key, publicPoint));
        }
        return writer.Encode();
    }

    private static byte[] EncodeEcPrivateKey(EcKeyValues key, PublicPoint publicPoint)
    {
        // RFC 5915: parameters [0] are left out because PKCS#8's AlgorithmIdentifier already carries them.
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(1);
            writer.WriteOctetString(key.D);
            if (publicPoint != PublicPoint.Omitted)
            {
                var tag = new Asn1Tag(TagClass.ContextSpecific, 1, isConstructed: true);
                using (writer.PushSequence(tag))
                {
                    var point = publicPoint == PublicPoint.Compressed
                        ? CompressedPoint(key.Qx, key.Qy)
                        : UncompressedPoint(key.Qx, key.Qy);
                    writer.WriteBitString(point);
                }
            }
        }
        return writer.Encode();
    }

    /// <summary>RFC 3279 SpecifiedECDomain (ecpVer1, prime field) — what "explicit parameters" means.</summary>
    private static void WriteSpecifiedDomain(AsnWriter writer, EcKeyValues key)
    {
        using (writer.PushSequence())
        {
            writer.WriteInteger(1);
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(PrimeField);
                writer.WriteIntegerUnsigned(key.Prime);
            }
            using (writer.PushSequence())
            {
                writer.WriteOctetString(key.A);
                writer.WriteOctetString(key.B);
            }
            writer.WriteOctetString(UncompressedPoint(key.Gx, key.Gy));
            writer.WriteIntegerUnsigned(key.Order);
            writer.WriteIntegerUnsigned(key.Cofactor);
        }
    }

    private static byte[] UncompressedPoint(byte[] x, byte[] y) => [0x04, .. x, .. y];

    // 0x02 for even y, 0x03 for odd y; valid for prime-field curves, which are all KMS offers.
    private static byte[] CompressedPoint(byte[] x, byte[] y) => [(byte)(0x02 | (y[^1] & 1)), .. x];
}
