using System.Security.Cryptography;
using KmsActors.Kms.Model;

namespace KmsActors.Kms.Crypto;

/// <summary>HMAC material: AWS ties each HMAC key spec to exactly one MAC algorithm (HMAC_256 → HMAC_SHA_256, ...).</summary>
public sealed class HmacKeyMaterial : IKeyMaterial
{
    private readonly byte[] _key;

    public HmacKeyMaterial(KeySpec spec, ReadOnlySpan<byte> key)
    {
        MacAlgorithm = AlgorithmFor(spec);
        Spec = spec;
        _key = key.ToArray();
    }

    public KeySpec Spec { get; }

    public MacAlgorithmSpec MacAlgorithm { get; }

    public byte[]? PublicKeyDer => null;

    public static MacAlgorithmSpec AlgorithmFor(KeySpec spec) => spec switch
    {
        KeySpec.HMAC_224 => MacAlgorithmSpec.HMAC_SHA_224,
        KeySpec.HMAC_256 => MacAlgorithmSpec.HMAC_SHA_256,
        KeySpec.HMAC_384 => MacAlgorithmSpec.HMAC_SHA_384,
        KeySpec.HMAC_512 => MacAlgorithmSpec.HMAC_SHA_512,
        _ => throw new ArgumentOutOfRangeException(nameof(spec), spec, "Not an HMAC key spec."),
    };

    public byte[] GenerateMac(MacAlgorithmSpec algorithm, ReadOnlySpan<byte> message)
    {
        if (algorithm != MacAlgorithm)
            throw CryptoErrors.Incompatible(algorithm, Spec);
        return MacAlgorithm switch
        {
            // .NET has no HMAC-SHA-224; BouncyCastle fills that one gap.
            MacAlgorithmSpec.HMAC_SHA_224 => HmacSha224(message),
            MacAlgorithmSpec.HMAC_SHA_256 => HMACSHA256.HashData(_key, message),
            MacAlgorithmSpec.HMAC_SHA_384 => HMACSHA384.HashData(_key, message),
            _ => HMACSHA512.HashData(_key, message),
        };
    }

    /// <summary>True when <paramref name="mac"/> is this key's MAC of the message (callers answer KMSInvalidMacException on false).</summary>
    public bool VerifyMac(MacAlgorithmSpec algorithm, ReadOnlySpan<byte> message, ReadOnlySpan<byte> mac) =>
        CryptographicOperations.FixedTimeEquals(GenerateMac(algorithm, message), mac);

    public void Dispose() => CryptographicOperations.ZeroMemory(_key);

    private byte[] HmacSha224(ReadOnlySpan<byte> message)
    {
        var hmac = new Org.BouncyCastle.Crypto.Macs.HMac(new Org.BouncyCastle.Crypto.Digests.Sha224Digest());
        hmac.Init(new Org.BouncyCastle.Crypto.Parameters.KeyParameter(_key));
        hmac.BlockUpdate(message);
        var result = new byte[hmac.GetMacSize()];
        hmac.DoFinal(result, 0);
        return result;
    }
}
