using System.Security.Cryptography;
using KmsActors.Kms.Crypto;
using KmsActors.Kms.Model;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;

namespace KmsActors.Kms.Import;

/// <summary>
/// Recovers imported key material from EncryptedKeyMaterial with the import token's wrapping private key
/// (docs/byok.md). Whatever fails to decrypt — wrong public key, wrong algorithm, corruption, truncation,
/// a bad ephemeral key size — is InvalidCiphertextException, never a raw CryptographicException (docs/byok.md).
/// </summary>
public static class KeyMaterialUnwrapper
{
    /// <param name="ready">The wrapping private key as a ready RSA object (<see cref="ReadyWrappingKeys"/>), the same key as
    /// <paramref name="wrappingPrivateKeyPkcs8"/>; null: imported from those bytes for this call. The caller keeps it.</param>
    public static byte[] Unwrap(AlgorithmSpec algorithm, WrappingKeySpec spec, byte[] wrappingPrivateKeyPkcs8, ReadOnlySpan<byte> encryptedKeyMaterial, RSA? ready = null)
    {
        ArgumentNullException.ThrowIfNull(wrappingPrivateKeyPkcs8);
        return algorithm switch
        {
            AlgorithmSpec.RSAES_OAEP_SHA_1 => RsaDecrypt(spec, wrappingPrivateKeyPkcs8, ready, encryptedKeyMaterial, RSAEncryptionPadding.OaepSHA1),
            AlgorithmSpec.RSAES_OAEP_SHA_256 => RsaDecrypt(spec, wrappingPrivateKeyPkcs8, ready, encryptedKeyMaterial, RSAEncryptionPadding.OaepSHA256),
            // Deprecated by AWS in 2023; reached only when kms.import.allow-legacy-pkcs1 let GetParametersForImport issue it.
            AlgorithmSpec.RSAES_PKCS1_V1_5 => RsaDecrypt(spec, wrappingPrivateKeyPkcs8, ready, encryptedKeyMaterial, RSAEncryptionPadding.Pkcs1),
            AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_1 => RsaAesKeyUnwrap(spec, wrappingPrivateKeyPkcs8, ready, encryptedKeyMaterial, RSAEncryptionPadding.OaepSHA1),
            AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256 => RsaAesKeyUnwrap(spec, wrappingPrivateKeyPkcs8, ready, encryptedKeyMaterial, RSAEncryptionPadding.OaepSHA256),
            AlgorithmSpec.SM2PKE => Sm2Decrypt(spec, wrappingPrivateKeyPkcs8, encryptedKeyMaterial),
            _ => throw Undecryptable(),
        };
    }

    /// <summary>One step: EncryptedKeyMaterial = RSA-OAEP(material), exactly one modulus long.</summary>
    private static byte[] RsaDecrypt(WrappingKeySpec spec, byte[] privateKey, RSA? ready, ReadOnlySpan<byte> encrypted, RSAEncryptionPadding padding)
    {
        var rsa = ready is null ? LoadRsa(spec, privateKey) : CheckSize(spec, ready);
        try
        {
            if (encrypted.Length != rsa.KeySize / 8)
                throw Undecryptable();
            return Decrypt(rsa, encrypted, padding);
        }
        finally
        {
            if (ready is null)
                rsa.Dispose();
        }
    }

    /// <summary>
    /// Two step (PKCS#11 CKM_RSA_AES_KEY_WRAP): the first modulus-length bytes are RSA-OAEP(ephemeral AES key),
    /// the rest is AES key wrap with padding (RFC 5649) of the material. 128, 192 and 256-bit ephemeral keys are accepted (docs/byok.md).
    /// </summary>
    private static byte[] RsaAesKeyUnwrap(WrappingKeySpec spec, byte[] privateKey, RSA? ready, ReadOnlySpan<byte> encrypted, RSAEncryptionPadding padding)
    {
        var rsa = ready is null ? LoadRsa(spec, privateKey) : CheckSize(spec, ready);
        try
        {
            return RsaAesKeyUnwrap(rsa, encrypted, padding);
        }
        finally
        {
            if (ready is null)
                rsa.Dispose();
        }
    }

    private static byte[] RsaAesKeyUnwrap(RSA rsa, ReadOnlySpan<byte> encrypted, RSAEncryptionPadding padding)
    {
        var modulusBytes = rsa.KeySize / 8;
        var wrapped = encrypted.Length > modulusBytes ? encrypted[modulusBytes..] : [];
        // RFC 5649 output is a multiple of 8 bytes and at least 16.
        if (wrapped.Length < 16 || wrapped.Length % 8 != 0)
            throw Undecryptable();

        var ephemeralKey = Decrypt(rsa, encrypted[..modulusBytes], padding);
        try
        {
            if (ephemeralKey.Length is not (16 or 24 or 32))
                throw Undecryptable();
            using var aes = Aes.Create();
            aes.Key = ephemeralKey;
            return aes.DecryptKeyWrapPadded(wrapped);
        }
        catch (CryptographicException)
        {
            throw Undecryptable();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(ephemeralKey);
        }
    }

    private static byte[] Sm2Decrypt(WrappingKeySpec spec, byte[] privateKey, ReadOnlySpan<byte> encrypted)
    {
        if (spec != WrappingKeySpec.SM2)
            throw Undecryptable();
        BcBigInteger d;
        try
        {
            var key = EcPrivateKey.FromPkcs8(Pkcs8PrivateKeyInfo.Parse(privateKey));
            if (key.CurveOid != EcCurve.Sm2Oid)
                throw Undecryptable();
            d = new BcBigInteger(1, key.D);
        }
        catch (Exception ex) when (ex is System.Formats.Asn1.AsnContentException or FormatException)
        {
            throw Undecryptable();
        }
        try
        {
            return Sm2Pke.Decrypt(d, encrypted);
        }
        catch (KmsException)
        {
            throw Undecryptable();
        }
    }

    private static RSA CheckSize(WrappingKeySpec spec, RSA ready) =>
        spec != WrappingKeySpec.SM2 && ready.KeySize == WrappingKeyPair.RsaBits(spec) ? ready : throw Undecryptable();

    private static RSA LoadRsa(WrappingKeySpec spec, byte[] privateKey)
    {
        if (spec == WrappingKeySpec.SM2)
            throw Undecryptable();
        var rsa = RSA.Create();
        try
        {
            rsa.ImportPkcs8PrivateKey(privateKey, out _);
            if (rsa.KeySize != WrappingKeyPair.RsaBits(spec))
                throw Undecryptable();
            return rsa;
        }
        catch (CryptographicException)
        {
            rsa.Dispose();
            throw Undecryptable();
        }
        catch (KmsException)
        {
            rsa.Dispose();
            throw;
        }
    }

    private static byte[] Decrypt(RSA rsa, ReadOnlySpan<byte> encrypted, RSAEncryptionPadding padding)
    {
        try
        {
            return rsa.Decrypt(encrypted.ToArray(), padding);
        }
        catch (CryptographicException)
        {
            throw Undecryptable();
        }
    }

    private static KmsException Undecryptable() =>
        KmsException.InvalidCiphertext("The wrapped key material could not be decrypted with the wrapping key of this import token.");
}
