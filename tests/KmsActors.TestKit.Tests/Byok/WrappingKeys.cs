using System.Security.Cryptography;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace KmsActors.TestKit.Tests.Byok;

/// <summary>
/// Wrapping key pairs standing in for the ones GetParametersForImport hands out, generated once per test run
/// because RSA generation costs seconds on this machine. Tests only read them.
/// </summary>
internal static class WrappingKeys
{
    private static readonly Lazy<RSA> Rsa2048 = new(() => RSA.Create(2048));
    private static readonly Lazy<RSA> Rsa3072 = new(() => RSA.Create(3072));
    private static readonly Lazy<RSA> Rsa4096 = new(() => RSA.Create(4096));
    private static readonly Lazy<AsymmetricCipherKeyPair> Sm2Pair = new(GenerateSm2);

    public static RSA Rsa(int bits) => bits switch
    {
        2048 => Rsa2048.Value,
        3072 => Rsa3072.Value,
        4096 => Rsa4096.Value,
        _ => throw new ArgumentOutOfRangeException(nameof(bits), bits, "KMS wrapping keys are RSA_2048, RSA_3072 or RSA_4096."),
    };

    /// <summary>The RSA public key as GetParametersForImport returns it: DER SubjectPublicKeyInfo.</summary>
    public static byte[] RsaPublicKeyDer(int bits) => Rsa(bits).ExportSubjectPublicKeyInfo();

    public static ECPrivateKeyParameters Sm2Private => (ECPrivateKeyParameters)Sm2Pair.Value.Private;

    /// <summary>The SM2 public key as DER SubjectPublicKeyInfo (id-ecPublicKey, curve sm2p256v1).</summary>
    public static byte[] Sm2PublicKeyDer =>
        SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(Sm2Pair.Value.Public).GetDerEncoded();

    private static AsymmetricCipherKeyPair GenerateSm2()
    {
        var domain = new ECNamedDomainParameters(GMObjectIdentifiers.sm2p256v1, GMNamedCurves.GetByOid(GMObjectIdentifiers.sm2p256v1));
        var generator = new ECKeyPairGenerator();
        generator.Init(new ECKeyGenerationParameters(domain, new SecureRandom()));
        return generator.GenerateKeyPair();
    }
}
