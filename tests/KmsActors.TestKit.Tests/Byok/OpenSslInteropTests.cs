using System.Diagnostics;
using KmsActors.Kms.Model;
using KmsActors.TestKit.Byok;

namespace KmsActors.TestKit.Tests.Byok;

/// <summary>
/// Our wraps against the openssl CLI, running the commands of the AWS guide's OpenSSL procedure in reverse
/// (decrypt) and, for the deterministic RFC 5649 step, forward: openssl must produce the same bytes.
/// </summary>
public sealed class OpenSslInteropTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("kmsactors-byok-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Theory]
    [InlineData(AlgorithmSpec.RSAES_OAEP_SHA_256, "sha256")]
    [InlineData(AlgorithmSpec.RSAES_OAEP_SHA_1, "sha1")]
    public void openssl_pkeyutl_decrypts_an_rsaes_oaep_wrap_to_the_material(AlgorithmSpec algorithm, string digest)
    {
        var material = KeyMaterial.CreateCached(KeySpec.ECC_NIST_P256);
        var wrapped = KeyMaterialWrapper.Wrap(WrappingKeys.RsaPublicKeyDer(2048), algorithm, material);

        var decrypted = OpenSslOaepDecrypt(wrapped, digest);

        Assert.Equal(material, decrypted);
    }

    [Fact]
    public void openssl_unwraps_an_rsa_aes_key_wrap_sha_256_blob_with_the_aws_commands()
    {
        var material = KeyMaterial.CreateCached(KeySpec.RSA_2048);
        var wrapped = KeyMaterialWrapper.Wrap(WrappingKeys.RsaPublicKeyDer(2048), AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256, material);

        var aesKey = OpenSslOaepDecrypt(wrapped[..256], "sha256");
        var unwrapped = OpenSsl("enc", "-d", "-id-aes256-wrap-pad", "-K", Convert.ToHexString(aesKey), "-iv", "A65959A6",
            "-in", Write("key-material-wrapped.bin", wrapped[256..]), "-out", Path.Combine(_dir.FullName, "material.der"));

        Assert.Equal(32, aesKey.Length);
        Assert.Equal(material, unwrapped);
    }

    [Fact]
    public void openssl_wrapping_the_material_under_the_same_aes_key_gives_our_wrapped_part_byte_for_byte()
    {
        var material = KeyMaterial.CreateCached(KeySpec.ECC_NIST_P521);
        var wrapped = KeyMaterialWrapper.Wrap(WrappingKeys.RsaPublicKeyDer(3072), AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256, material);
        var (aesKey, _) = Unwrap.RsaAes(WrappingKeys.Rsa(3072), AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256, wrapped);

        // AWS step 2: openssl enc -id-aes256-wrap-pad -K <aes key hex> -iv A65959A6 -in <material.der>
        var openSslWrapped = OpenSsl("enc", "-id-aes256-wrap-pad", "-K", Convert.ToHexString(aesKey), "-iv", "A65959A6",
            "-in", Write("material.der", material), "-out", Path.Combine(_dir.FullName, "key-material-wrapped.bin"));

        Assert.Equal(openSslWrapped, wrapped[384..]);
    }

    private byte[] OpenSslOaepDecrypt(byte[] ciphertext, string digest)
    {
        var privateKeyPem = Path.Combine(_dir.FullName, "priv.pem");
        var bits = ciphertext.Length * 8;
        File.WriteAllText(privateKeyPem, WrappingKeys.Rsa(bits).ExportPkcs8PrivateKeyPem());
        return OpenSsl("pkeyutl", "-decrypt", "-inkey", privateKeyPem,
            "-pkeyopt", "rsa_padding_mode:oaep", "-pkeyopt", $"rsa_oaep_md:{digest}", "-pkeyopt", $"rsa_mgf1_md:{digest}",
            "-in", Write("encrypted.bin", ciphertext), "-out", Path.Combine(_dir.FullName, "decrypted.bin"));
    }

    private string Write(string name, byte[] content)
    {
        var path = Path.Combine(_dir.FullName, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    /// <summary>Runs openssl; the last argument is the -out file, whose bytes are returned.</summary>
    private static byte[] OpenSsl(params string[] arguments)
    {
        var start = new ProcessStartInfo("openssl") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"openssl {string.Join(' ', arguments)} failed: {stderr}");
        return File.ReadAllBytes(arguments[^1]);
    }
}
