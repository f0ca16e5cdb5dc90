using System.Security.Cryptography;
using KmsActors.Hosting.Seeding;
using KmsActors.Hosting.Tests.Support;
using KmsActors.Kms.Crypto;
using KmsActors.Kms.Model;
using KmsActors.TestKit.Byok;

namespace KmsActors.Hosting.Tests.Seeding;

public sealed class SeedTests
{
    private const string SymmetricId = "11111111-2222-3333-4444-555555555555";
    private const string HmacId = "22222222-2222-3333-4444-555555555555";
    private const string EccId = "33333333-2222-3333-4444-555555555555";
    private static readonly byte[] Symmetric = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
    private static readonly byte[] HmacMaterial = Enumerable.Range(100, 32).Select(i => (byte)i).ToArray();

    private static string Seed(string keyId, byte[] material, string extra = "") =>
        $"{{ key-id = \"{keyId}\", material-hex = \"{Convert.ToHexString(material)}\"\n {extra} }}";

    [Fact]
    public async Task seeded_keys_have_their_fixed_ids_aliases_and_material()
    {
        var pem = Path.GetTempFileName();
        var ecc = KeyMaterial.Create(KeySpec.ECC_NIST_P256);
        await File.WriteAllTextAsync(pem, PemEncoding.WriteString("PRIVATE KEY", ecc));
        await using var kms = await KmsHost.StartAsync($$"""
            kms.seed.keys = [
              {{Seed(SymmetricId, Symmetric, "aliases = [\"alias/app\", \"alias/app-2\"], description = seeded")}}
              {{Seed(HmacId, HmacMaterial, "key-spec = HMAC_256")}}
              { key-id = "{{EccId}}", key-spec = ECC_NIST_P256, material-file = "{{pem}}" }
            ]
            """);

        var symmetric = (await kms.Client.DescribeKey(new DescribeKeyRequest { KeyId = "alias/app" })).KeyMetadata!;
        var aliases = await kms.Client.ListAliases(new ListAliasesRequest { KeyId = SymmetricId });
        var mac = await kms.Client.GenerateMac(new GenerateMacRequest { KeyId = HmacId, MacAlgorithm = MacAlgorithmSpec.HMAC_SHA_256, Message = "m"u8.ToArray() });
        var publicKey = await kms.Client.GetPublicKey(new GetPublicKeyRequest { KeyId = EccId });

        Assert.Equal(SymmetricId, symmetric.KeyId);
        Assert.Equal((KeyState.Enabled, OriginType.EXTERNAL, "seeded"), (symmetric.KeyState!.Value, symmetric.Origin!.Value, symmetric.Description));
        Assert.Equal(KeyMaterialIds.Derive(SymmetricId, Symmetric), symmetric.CurrentKeyMaterialId);
        Assert.Equal(["alias/app", "alias/app-2"], aliases.Aliases!.Select(a => a.AliasName).Order());
        Assert.Equal(HMACSHA256.HashData(HmacMaterial, "m"u8), mac.Mac);
        Assert.Equal(KeyMaterialValidator.Validate(KeySpec.ECC_NIST_P256, ecc, false).PublicKeyDer, publicKey.PublicKey);
        File.Delete(pem);
    }

    [Fact]
    public async Task a_restart_on_the_same_sqlite_data_dir_keeps_the_seeded_keys_and_decrypts_what_they_encrypted()
    {
        var dataDir = Directory.CreateTempSubdirectory("kms-seed-").FullName;
        var conf = $$"""
            kms { journal.provider = sqlite, data-dir = "{{dataDir}}" }
            kms.seed.keys = [
              {{Seed(SymmetricId, Symmetric, "aliases = [\"alias/app\"]")}}
              {{Seed(HmacId, HmacMaterial, "key-spec = HMAC_256")}}
            ]
            """;
        byte[] ciphertext;
        DateTimeOffset created;
        await using (var first = await KmsHost.StartAsync(conf, testkit: false))
        {
            ciphertext = (await first.Client.Encrypt(new EncryptRequest { KeyId = "alias/app", Plaintext = "kept"u8.ToArray() })).CiphertextBlob!;
            created = (await first.Client.DescribeKey(new DescribeKeyRequest { KeyId = SymmetricId })).KeyMetadata!.CreationDate!.Value;
        }

        await using var second = await KmsHost.StartAsync(conf, testkit: false);
        var trail = second.Client.AuditTrail();
        var decrypted = await second.Client.Decrypt(new DecryptRequest { CiphertextBlob = ciphertext });
        var again = (await second.Client.DescribeKey(new DescribeKeyRequest { KeyId = "alias/app" })).KeyMetadata!;
        var keys = await second.Client.ListKeys(new ListKeysRequest());

        Assert.Equal("kept"u8.ToArray(), decrypted.Plaintext);
        Assert.Equal(created, again.CreationDate);
        Assert.Equal(2, keys.Keys!.Count);
        await using var records = trail.GetAsyncEnumerator();
        Assert.True(await records.MoveNextAsync());
        Assert.Equal("Decrypt", records.Current.EventName); // the restart's seeding imported nothing, so no ImportKeyMaterial preceded it
    }

    [Fact]
    public async Task a_seed_for_an_existing_key_with_another_spec_stops_the_host_with_a_clear_error()
    {
        using var host = KmsHost.Build($$"""
            kms.seed.keys = [
              {{Seed(SymmetricId, Symmetric)}}
              {{Seed(SymmetricId, HmacMaterial, "key-spec = HMAC_256")}}
            ]
            """);

        var error = await Assert.ThrowsAsync<KmsSeedException>(() => host.StartAsync());

        Assert.Contains("kms.seed.keys[1]", error.Message);
        Assert.Contains($"key {SymmetricId} already exists as KeySpec SYMMETRIC_DEFAULT", error.Message);
        Assert.Contains("the seed asks for KeySpec HMAC_256", error.Message);
        await host.StopAsync();
    }

    [Fact]
    public async Task a_seed_with_other_material_for_an_existing_key_stops_the_host()
    {
        using var host = KmsHost.Build($$"""
            kms.seed.keys = [
              {{Seed(SymmetricId, Symmetric)}}
              {{Seed(SymmetricId, HmacMaterial)}}
            ]
            """);

        var error = await Assert.ThrowsAsync<KmsSeedException>(() => host.StartAsync());

        Assert.Contains($"kms.seed.keys[1]: key {SymmetricId} already holds different key material", error.Message);
        await host.StopAsync();
    }

    [Theory]
    [InlineData("{ key-id = \"11111111-2222-3333-4444-555555555555\", material-hex = \"00ff\" }", "kms.seed.keys[0]: the material does not fit key-spec SYMMETRIC_DEFAULT")]
    [InlineData("{ key-id = \"not-a-key-id\" }", "kms.seed.keys[0] (key not-a-key-id): ValidationException: 'not-a-key-id' is not a key ID")]
    [InlineData("{ key-spec = HMAC_256 }", "kms.seed.keys[0] has no key-id")]
    [InlineData("{ key-id = \"11111111-2222-3333-4444-555555555555\", key-spec = AES_256 }", "kms.seed.keys[0].key-spec = AES_256 is not a KeySpec")]
    [InlineData("{ key-id = \"11111111-2222-3333-4444-555555555555\", material-hex = \"zz\" }", "kms.seed.keys[0].material-hex is not hexadecimal")]
    public async Task a_malformed_seed_stops_the_host_naming_the_entry_and_the_problem(string entry, string expected)
    {
        using var host = KmsHost.Build($"kms.seed.keys = [ {entry} ]");

        var error = await Assert.ThrowsAsync<KmsSeedException>(() => host.StartAsync());

        Assert.StartsWith(expected, error.Message);
        await host.StopAsync();
    }

    [Fact]
    public async Task a_seed_the_aws_model_refuses_stops_the_host_with_the_models_message()
    {
        var description = new string('d', 8193);
        using var host = KmsHost.Build($"kms.seed.keys = [ {Seed(SymmetricId, Symmetric, $"description = \"{description}\"")} ]");

        var error = await Assert.ThrowsAsync<KmsSeedException>(() => host.StartAsync());

        Assert.StartsWith($"kms.seed.keys[0] (key {SymmetricId}): ValidationException: 1 validation error detected: Value '{description}' at 'description' failed to satisfy constraint: Member must have length less than or equal to 8192",
            error.Message);
        await host.StopAsync();
    }
}
