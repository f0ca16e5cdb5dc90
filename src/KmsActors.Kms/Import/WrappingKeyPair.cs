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

    /// <summary>
    /// Readies <see cref="Rsa"/> for the one decryption of its import. OpenSSL sets up RSA blinding on a key's first
    /// private-key operation, once for the thread that does it and once more, shared by all other threads, on the first
    /// operation from another thread; each setup costs about as much as a decryption (docs/byok.md, "Speed"). The pool's
    /// background threads do both here, so the import (on whichever thread its key actor runs) pays only its decryption.
    /// Blocks for about two decryptions: call it where generation runs, not on an actor's thread.
    /// </summary>
    public static WrappingKeyPair Warm(WrappingKeyPair pair)
    {
        ArgumentNullException.ThrowIfNull(pair);
        if (pair.Rsa is not { } rsa)
            return pair;
        var probe = rsa.Encrypt(new byte[1], RSAEncryptionPadding.OaepSHA256);
        rsa.Decrypt(probe, RSAEncryptionPadding.OaepSHA256);
        var other = new Thread(() =>
        {
            try
            {
                rsa.Decrypt(probe, RSAEncryptionPadding.OaepSHA256);
            }
            catch (CryptographicException)
            {
                // Only a warm-up: the import's own decryption reports any failure.
            }
        }) { IsBackground = true, Name = "kms-wrapping-key-warm" };
        other.Start();
        other.Join();
        return pair;
    }

    internal static int RsaBits(WrappingKeySpec spec) => spec switch
    {
        WrappingKeySpec.RSA_2048 => 2048,
        WrappingKeySpec.RSA_3072 => 3072,
        WrappingKeySpec.RSA_4096 => 4096,
        _ => throw new ArgumentOutOfRangeException(nameof(spec), spec, "Not an RSA wrapping key spec."),
    };
}
