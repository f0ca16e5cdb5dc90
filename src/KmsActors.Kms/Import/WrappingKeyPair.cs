using System.Security.Cryptography;
using KmsActors.Kms.Crypto;
using KmsActors.Kms.Model;

namespace KmsActors.Kms.Import;

/// <summary>
/// One GetParametersForImport wrapping key: the public half goes to the caller (DER X.509 SubjectPublicKeyInfo, AWS
/// PublicKey), the private half travels sealed inside the import token.
/// </summary>
public sealed record WrappingKeyPair(WrappingKeySpec Spec, byte[] PublicKeyDer, byte[] PrivateKeyPkcs8)
{
    /// <summary>
    /// The RSA private key as generated, ready to decrypt (null for SM2 and for pairs made from bytes). Importing
    /// <see cref="PrivateKeyPkcs8"/> into a new RSA object costs two to three RSA decryptions (the import checks the
    /// key, and its first decryption sets it up), so GetParametersForImport hands this one to
    /// <see cref="ReadyWrappingKeys"/> for the import that follows.
    /// </summary>
    public RSA? Rsa { get; init; }

    /// <summary>A fresh pair; RSA-4096 takes seconds on a small machine, which is why <see cref="WrappingKeyPool"/> exists.</summary>
    public static WrappingKeyPair Generate(WrappingKeySpec spec)
    {
        switch (spec)
        {
            case WrappingKeySpec.RSA_2048 or WrappingKeySpec.RSA_3072 or WrappingKeySpec.RSA_4096:
                var rsa = RSA.Create(RsaBits(spec));
                return new WrappingKeyPair(spec, rsa.ExportSubjectPublicKeyInfo(), rsa.ExportPkcs8PrivateKey()) { Rsa = rsa };
            case WrappingKeySpec.SM2:
                var (pkcs8, spki) = Sm2Curve.Generate();
                return new WrappingKeyPair(spec, spki, pkcs8);
            default:
                throw new ArgumentOutOfRangeException(nameof(spec), spec, "Unknown wrapping key spec.");
        }
    }

    internal static int RsaBits(WrappingKeySpec spec) => spec switch
    {
        WrappingKeySpec.RSA_2048 => 2048,
        WrappingKeySpec.RSA_3072 => 3072,
        WrappingKeySpec.RSA_4096 => 4096,
        _ => throw new ArgumentOutOfRangeException(nameof(spec), spec, "Not an RSA wrapping key spec."),
    };
}
